package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.MemoryStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency over a store: replay through another instance, and what a store that does not answer does. */
class IdempotencyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ClientPrincipal CLIENT = new ClientPrincipal("ci", Set.of(), Set.of());

    private final AtomicInteger runs = new AtomicInteger();

    private Mono<ResponseEntity<Map<String, Object>>> action() {
        return Mono.fromSupplier(() -> ResponseEntity.accepted()
                .header("Location", "/v1/deployments/coolify:d" + runs.incrementAndGet())
                .body(Map.of("id", "coolify:d" + runs.get(), "status", "queued")));
    }

    @Test
    @DisplayName(
            "a key used through one instance replays through another sharing the store: same status, headers, body")
    void replaysAcrossInstances() {
        MemoryStore shared = new MemoryStore();
        Idempotency first = new Idempotency(shared, JSON);
        Idempotency second = new Idempotency(shared, JSON);

        ResponseEntity<?> original = first.run(CLIENT, "k", "POST /v1/deployments", Map.of("appId", "a"), this::action)
                .block();
        ResponseEntity<?> replay = second.run(CLIENT, "k", "POST /v1/deployments", Map.of("appId", "a"), this::action)
                .block();

        assertThat(runs).hasValue(1);
        assertThat(replay.getStatusCode()).isEqualTo(original.getStatusCode());
        assertThat(replay.getHeaders().getFirst("Location")).isEqualTo("/v1/deployments/coolify:d1");
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat((JsonNode) replay.getBody()).isEqualTo(JSON.valueToTree(original.getBody()));
    }

    @Test
    @DisplayName("a store that does not answer: 503 store_unavailable, and the provider is never called")
    void storeDown() {
        Idempotency idempotency = new Idempotency(new Failing(), JSON);

        assertThatThrownBy(() -> idempotency
                        .run(CLIENT, "k", "POST /v1/deployments", Map.of("appId", "a"), this::action)
                        .block())
                .isInstanceOfSatisfying(ApiException.class, problem -> {
                    assertThat(problem.code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
                    assertThat(problem.retryAfter()).isPositive();
                });
        assertThat(runs).hasValue(0);
    }

    @Test
    @DisplayName("a store that fails only to record the response: the client still gets the provider's answer")
    void recordingFails() {
        Idempotency idempotency = new Idempotency(
                new Failing() {
                    @Override
                    public Mono<Claim> claim(String key, String fingerprint) {
                        return Mono.just(new Claim(true, Entry.inFlight(fingerprint)));
                    }
                },
                JSON);

        ResponseEntity<?> response = idempotency
                .run(CLIENT, "k", "POST /v1/deployments", Map.of("appId", "a"), this::action)
                .block();

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(runs).hasValue(1);
    }

    /** A store whose Redis is gone: every call fails as Lettuce's would. */
    private static class Failing implements IdempotencyRecords {
        private static <T> Mono<T> down() {
            return Mono.error(new io.lettuce.core.RedisConnectionException("connection refused"));
        }

        @Override
        public Mono<Claim> claim(String key, String fingerprint) {
            return down();
        }

        @Override
        public Mono<Void> complete(String key, Entry done) {
            return down();
        }

        @Override
        public Mono<Void> release(String key, String fingerprint) {
            return down();
        }
    }
}
