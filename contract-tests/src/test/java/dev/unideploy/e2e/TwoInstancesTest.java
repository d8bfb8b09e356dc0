package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.security.ApiKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Two gateway instances on one real Redis ({@code unideploy.store=redis}) in front of one set of providers (the
 * sandbox simulators), as behind a load balancer: what one instance did, the other knows.
 */
class TwoInstancesTest {

    private static final String KEY = "two-instances-key-0123456789";
    private static final String LIMITED_KEY = "two-instances-limited-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RedisFleet fleet;
    private static WebTestClient one;
    private static WebTestClient two;

    @BeforeAll
    static void start() throws Exception {
        fleet = RedisFleet.start(Duration.ofMillis(400));
        one = startInstance();
        two = startInstance();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) fleet.close();
    }

    private static WebTestClient startInstance() {
        return fleet.instance(
                KEY,
                "--unideploy.clients.ci.key-sha256=" + ApiKeys.sha256(KEY),
                "--unideploy.clients.ci.scopes=deployments:read,deployments:write",
                "--unideploy.clients.limited.key-sha256=" + ApiKeys.sha256(LIMITED_KEY),
                "--unideploy.clients.limited.scopes=deployments:read",
                "--unideploy.clients.limited.rate-limit=4");
    }

    private static EntityExchangeResult<Map> trigger(WebTestClient instance, String app, String idempotencyKey) {
        return RedisGateways.trigger(instance, app, idempotencyKey)
                .expectBody(Map.class)
                .returnResult();
    }

    private static int deploysReceived() {
        return RedisGateways.coolifyDeploys(fleet.sandbox());
    }

    @Test
    @DisplayName("an Idempotency-Key used on one instance replays on the other; another body there is 422")
    void idempotencyKeyReplaysOnTheOtherInstance() {
        String key = UUID.randomUUID().toString();
        int before = deploysReceived();

        EntityExchangeResult<Map> first = trigger(one, "coolify:cool-web", key);
        EntityExchangeResult<Map> replay = trigger(two, "coolify:cool-web", key);
        EntityExchangeResult<Map> reused = trigger(two, "coolify:cool-broken", key);

        assertThat(first.getStatus().value()).isEqualTo(202);
        assertThat(replay.getStatus()).isEqualTo(first.getStatus());
        assertThat(replay.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(replay.getResponseHeaders().getLocation())
                .isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(reused.getStatus().value()).isEqualTo(422);
        assertThat(reused.getResponseBody()).containsEntry("code", "idempotency_key_reused");
        assertThat(deploysReceived() - before).as("deploy calls to Coolify").isEqualTo(1);
    }

    @Test
    @DisplayName("one key sent to both instances at once: the provider is called once; the rest replay or get 409")
    void concurrentDuplicatesAcrossInstances() {
        String key = UUID.randomUUID().toString();
        int before = deploysReceived();

        List<HttpStatusCode> statuses = Flux.range(0, 12)
                .parallel(12)
                .runOn(Schedulers.boundedElastic())
                .map(i ->
                        trigger(i % 2 == 0 ? one : two, "coolify:cool-web", key).getStatus())
                .sequential()
                .collectList()
                .block(WAIT);

        assertThat(deploysReceived() - before).as("deploy calls to Coolify").isEqualTo(1);
        assertThat(statuses)
                .extracting(HttpStatusCode::value)
                .containsOnly(202, 409)
                .contains(202);
    }

    @Test
    @DisplayName("a deployment cancelled through one instance reads as cancelled through the other")
    void cancelLedgerIsShared() {
        // Dokploy cancels only a waiting deployment: ours waits while this one builds (one build at a time)
        trigger(one, "dokploy:dok-broken", UUID.randomUUID().toString());
        Map<?, ?> created =
                trigger(one, "dokploy:dok-web", UUID.randomUUID().toString()).getResponseBody();
        String id = (String) created.get("id");

        one.post()
                .uri("/v1/deployments/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");

        two.get()
                .uri("/v1/deployments/{id}?waitFor=terminal&timeoutSeconds=20", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
    }

    @Test
    @DisplayName("a client's rate limit counts its requests on both instances together")
    void rateLimitSpansInstances() {
        WebTestClient limitedOne = one.mutate()
                .defaultHeader("Authorization", "Bearer " + LIMITED_KEY)
                .build();
        WebTestClient limitedTwo = two.mutate()
                .defaultHeader("Authorization", "Bearer " + LIMITED_KEY)
                .build();
        List<Integer> statuses = new ArrayList<>();
        for (WebTestClient instance : List.of(limitedOne, limitedTwo, limitedOne, limitedTwo, limitedOne)) {
            statuses.add(instance.get()
                    .uri("/v1/providers")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 429);
    }
}
