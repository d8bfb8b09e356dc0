package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis going away under a running gateway ({@code unideploy.store=redis}) and coming back: keyed writes refuse with
 * 503 and call no provider, everything else carries on, health says DEGRADED, and it all recovers without a restart.
 */
class RedisOutageTest {

    private static final String KEY = "redis-outage-key-0123456789";

    private static LocalRedis redis;
    private static Sandbox sandbox;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(400)));
        gateway = RedisGateways.start(
                redis,
                sandbox,
                "--unideploy.redis.timeout=1s",
                "--unideploy.rate-limit.requests=1000",
                "--unideploy.clients.ci.key-sha256=" + ApiKeys.sha256(KEY),
                "--unideploy.clients.ci.scopes=deployments:read,deployments:write");
        client = RedisGateways.client(gateway, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (sandbox != null) sandbox.close();
        if (redis != null) redis.close();
    }

    private static WebTestClient.ResponseSpec trigger(String idempotencyKey) {
        return RedisGateways.trigger(client, "coolify:cool-web", idempotencyKey);
    }

    private static int deploysReceived() {
        return RedisGateways.coolifyDeploys(sandbox);
    }

    @Test
    @DisplayName(
            "Redis down: 503 store_unavailable for keyed writes, nothing sent; reads and health go on; then recovery")
    void redisGoesAwayAndComesBack() throws Exception {
        trigger(UUID.randomUUID().toString()).expectStatus().isAccepted();
        int port = redis.port();
        redis.close();

        int before = deploysReceived();
        trigger(UUID.randomUUID().toString())
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("store_unavailable");
        assertThat(deploysReceived()).as("no deploy reached Coolify").isEqualTo(before);
        client.get().uri("/v1/apps?provider=coolify").exchange().expectStatus().isOk();
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody()
                .jsonPath("$.components.store.status")
                .isEqualTo("DEGRADED")
                .jsonPath("$.status")
                .isEqualTo("DEGRADED");

        redis = LocalRedis.start(port);
        String key = UUID.randomUUID().toString();
        awaitRecovery(key);
        trigger(key).expectHeader().valueEquals("Idempotent-Replayed", "true");
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody()
                .jsonPath("$.components.store.status")
                .isEqualTo("UP");
    }

    /** Lettuce reconnects on its own; the first keyed write after that goes through. */
    private static void awaitRecovery(String key) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            int status = trigger(key).returnResult(String.class).getStatus().value();
            if (status == 202) {
                return;
            }
            assertThat(status).as("while Redis reconnects").isEqualTo(503);
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not recover within 10 s of Redis coming back");
    }
}
