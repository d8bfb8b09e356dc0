package dev.unideploy.gateway.web;

import static dev.unideploy.gateway.web.IdempotencyFixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.MemoryStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Idempotency over a store: replay through another instance, and what a store that does not answer does. */
class IdempotencyTest {

    @Test
    @DisplayName(
            "a key used through one instance replays through another sharing the store: same status, headers, body")
    void replaysAcrossInstances() {
        IdempotencyFixture fixture = new IdempotencyFixture(new MemoryStore());

        ResponseEntity<?> original = fixture.trigger(fixture.instance(), "k");
        ResponseEntity<?> replay = fixture.trigger(fixture.instance(), "k");

        assertThat(fixture.sends()).isEqualTo(1);
        assertThat(replay.getStatusCode()).isEqualTo(original.getStatusCode());
        assertThat(replay.getHeaders().getFirst("Location"))
                .isEqualTo(original.getHeaders().getFirst("Location"));
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat((JsonNode) replay.getBody()).isEqualTo(JSON.valueToTree(original.getBody()));
    }

    @Test
    @DisplayName("a store that does not answer: 503 store_unavailable, and the provider is never called")
    void storeDown() {
        IdempotencyFixture fixture = new IdempotencyFixture(new Failing());

        assertThatThrownBy(() -> fixture.trigger(fixture.instance(), "k"))
                .isInstanceOfSatisfying(ApiException.class, problem -> {
                    assertThat(problem.code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
                    assertThat(problem.retryAfter()).isPositive();
                });
        assertThat(fixture.sends()).isZero();
    }

    @Test
    @DisplayName("a store that fails only to record the response: the client still gets the provider's answer")
    void recordingFails() {
        IdempotencyFixture fixture = new IdempotencyFixture(new Failing() {
            @Override
            public Mono<Claim> claim(String key, Entry mine) {
                return Mono.just(new Claim(true, mine));
            }
        });

        ResponseEntity<?> response = fixture.trigger(fixture.instance(), "k");

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(fixture.sends()).isEqualTo(1);
    }

    @Test
    @DisplayName("a key over 255 characters is 400 before anything is claimed or sent")
    void keyTooLong() {
        IdempotencyFixture fixture = new IdempotencyFixture(new MemoryStore());

        assertThatThrownBy(() -> fixture.trigger(fixture.instance(), "k".repeat(256)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        problem -> assertThat(problem.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
        assertThat(fixture.sends()).isZero();
    }

    /** A store whose Redis is gone: every call fails as Lettuce's would. */
    private static class Failing implements IdempotencyRecords {
        private static <T> Mono<T> down() {
            return Mono.error(new io.lettuce.core.RedisConnectionException("connection refused"));
        }

        @Override
        public Mono<Claim> claim(String key, Entry mine) {
            return down();
        }

        @Override
        public Mono<Boolean> replace(String key, Entry expected, Entry next) {
            return down();
        }

        @Override
        public Mono<Boolean> remove(String key, Entry expected) {
            return down();
        }
    }
}
