package dev.unideploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.sandbox.testing.Faults;
import dev.unideploy.sandbox.testing.Faults.Spoil;
import dev.unideploy.sandbox.testing.ProviderState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Faults injected through the admin API still let the simulated provider act: the deployment is made, only the
 * answer is lost — late, reset, cut short or garbled — as when a real provider's answer never reaches the gateway.
 */
class InjectedFaultsTest {

    private static final String DEPLOY = "/api/v1/deploy";

    private final Sandbox sandbox = SandboxFixture.sandbox();
    private final SimulatedProvider coolify = sandbox.provider("coolify");
    /** HTTP/1.1, as the gateway calls providers (WireMock cannot inject faults into an h2c-upgraded connection). */
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> deploy(Duration timeout) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(coolify.baseUrl() + "/deploy?uuid=cool-web&force=true"))
                        .header("Authorization", "Bearer sandbox")
                        .timeout(timeout)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int deployments() {
        return ProviderState.deployments(coolify, "cool-web").size();
    }

    @Test
    @DisplayName("a late answer: the client gives up, yet the provider has made the deployment")
    void lateAnswer() {
        int before = deployments();
        StubMapping late = Faults.spoil(coolify, "POST", DEPLOY, Spoil.LATE, Duration.ofSeconds(3));
        try {
            assertThatThrownBy(() -> deploy(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        } finally {
            Faults.clear(coolify, late);
        }
        assertThat(deployments()).isEqualTo(before + 1);
        assertThat(Faults.requests(coolify, "POST", DEPLOY)).isPositive();
    }

    @Test
    @DisplayName("a reset after the body was read: the client sees a broken connection, the provider has deployed")
    void resetAfterActing() {
        int before = deployments();
        StubMapping reset = Faults.spoil(coolify, "POST", DEPLOY, Spoil.RESET, Duration.ZERO);
        try {
            assertThatThrownBy(() -> deploy(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        } finally {
            Faults.clear(coolify, reset);
        }
        assertThat(deployments()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("a truncated body: 200 with half a JSON document, and the deployment made")
    void truncatedBody() throws Exception {
        int before = deployments();
        StubMapping truncated = Faults.spoil(coolify, "POST", DEPLOY, Spoil.TRUNCATED, Duration.ZERO);
        HttpResponse<String> answer;
        try {
            answer = deploy(Duration.ofSeconds(5));
        } finally {
            Faults.clear(coolify, truncated);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"deployment");
        assertThat(deployments()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("a garbled answer: a status line, garbage, a closed connection; the deployment made")
    void garbledAnswer() {
        int before = deployments();
        StubMapping garbled = Faults.spoil(coolify, "POST", DEPLOY, Spoil.GARBLED, Duration.ZERO);
        try {
            assertThatThrownBy(() -> deploy(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        } finally {
            Faults.clear(coolify, garbled);
        }
        assertThat(deployments()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("once the fault is cleared the provider answers normally again")
    void clearedFault() throws Exception {
        Faults.clear(coolify, Faults.spoil(coolify, "POST", DEPLOY, Spoil.RESET, Duration.ZERO));

        assertThat(deploy(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }
}
