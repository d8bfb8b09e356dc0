package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.sandbox.testing.Faults;
import dev.unideploy.sandbox.testing.Faults.Spoil;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * {@code waitFor=terminal&timeoutSeconds=N} answers within N seconds and the promised second, even when the provider
 * hangs on every read (here the read time limit alone, 4 s, would take the answer to N + 4 s).
 */
class WaitBoundTest extends LostAnswersGateway {

    @Test
    @DisplayName("a provider that hangs on every read: waitFor=terminal&timeoutSeconds=2 answers 504 within 3 s")
    void hangingProvider() {
        SimulatedProvider coolify = simulator("coolify");
        String id = (String) retryUntil(
                        202,
                        HttpMethod.POST,
                        "/v1/deployments",
                        TriggerTarget.of("coolify").body(),
                        UUID.randomUUID().toString())
                .getResponseBody()
                .get("id");

        StubMapping hang =
                Faults.spoil(coolify, "GET", "/api/v1/deployments/[^/]+", Spoil.LATE, Duration.ofSeconds(30));
        EntityExchangeResult<Map> answer;
        long started = System.nanoTime();
        try {
            answer = client.get()
                    .uri("/v1/deployments/{id}?waitFor=terminal&timeoutSeconds=2", id)
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult();
        } finally {
            Faults.clear(coolify, hang);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofMillis(3500));
        assertThat(answer.getStatus().value()).isEqualTo(504);
        assertThat(answer.getResponseBody())
                .containsEntry("code", "provider_timeout")
                .containsEntry("provider", "coolify");
    }
}
