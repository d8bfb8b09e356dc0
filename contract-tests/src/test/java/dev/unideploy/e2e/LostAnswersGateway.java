package dev.unideploy.e2e;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.provider.ProviderConfiguration;
import dev.unideploy.sandbox.SimulatedProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in sandbox mode with short time limits — writes 2 s, a sender's lease 4 s, a second to settle — so that
 * a provider answer delayed by {@link #LATE} is lost while the provider still acts. The simulators' deployments move
 * slowly enough to be cancelled.
 */
@SandboxOnFreePorts
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "unideploy.sandbox.step=1500ms",
            "unideploy.events.poll-interval=200ms",
            "unideploy.resilience.write-timeout=2s",
            "unideploy.resilience.read-timeout=4s",
            "unideploy.resilience.read-retries=0",
            "unideploy.idempotency.lease=4s",
            "unideploy.idempotency.settle=1s",
            "unideploy.idempotency.recheck=200ms"
        })
abstract class LostAnswersGateway {

    /** Longer than the write time limit. */
    static final Duration LATE = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    ProviderConfiguration.SandboxHolder sandbox;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer sandbox")
                .build();
    }

    SimulatedProvider simulator(String type) {
        return sandbox.sandbox().provider(type);
    }

    EntityExchangeResult<Map> write(HttpMethod method, String uri, @Nullable Object body, @Nullable String key) {
        return KeyedWrites.write(client, method, uri, body, key);
    }

    EntityExchangeResult<Map> retryUntil(int status, HttpMethod method, String uri, @Nullable Object body, String key) {
        return KeyedWrites.retryUntil(client, status, method, uri, body, key);
    }

    static void assertOutcomeUnknown(EntityExchangeResult<Map> answer, boolean keyed) {
        KeyedWrites.assertOutcomeUnknown(answer, keyed);
    }

    static Set<String> added(Set<String> before, Set<String> after) {
        return KeyedWrites.added(before, after);
    }
}
