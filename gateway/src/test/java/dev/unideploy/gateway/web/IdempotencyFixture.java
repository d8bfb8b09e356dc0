package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.IdempotencyRecords.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Idempotency} over a store, on a clock the test moves, with a write whose sending and provider the test
 * scripts: every attempt sent is kept, as the provider would keep the deployment it made.
 */
final class IdempotencyFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ClientPrincipal CLIENT = new ClientPrincipal("ci", Set.of(), Set.of());
    static final IdempotencyProperties.Timing TIMING = new IdempotencyProperties.Timing(
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(1));

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(at -> at.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();
    final IdempotencyRecords records;
    /** Every attempt sent, in order. */
    final List<Attempt> sent = new ArrayList<>();
    /** What a send answers: by default 202 naming the attempt. */
    volatile Function<Attempt, Mono<ResponseEntity<Map<String, Object>>>> sending = IdempotencyFixture::accepted;
    /** Whether the provider shows what an attempt did: by default every sent attempt is there. */
    volatile boolean providerShows = true;

    IdempotencyFixture(IdempotencyRecords records) {
        this.records = records;
    }

    Idempotency instance() {
        return new Idempotency(records, JSON, TIMING, clock);
    }

    static Mono<ResponseEntity<Map<String, Object>>> accepted(Attempt attempt) {
        return Mono.just(ResponseEntity.accepted()
                .header("Location", "/v1/deployments/coolify:" + attempt.id())
                .body(Map.of("id", "coolify:" + attempt.id(), "status", "queued")));
    }

    Write<Map<String, Object>> write() {
        return new Write<>(
                attempt -> Mono.defer(() -> {
                    synchronized (sent) {
                        sent.add(attempt);
                    }
                    return sending.apply(attempt);
                }),
                attempt -> Mono.defer(() -> {
                    boolean made;
                    synchronized (sent) {
                        made = sent.contains(attempt);
                    }
                    return made && providerShows ? accepted(attempt) : Mono.empty();
                }),
                "the deployment may have been created");
    }

    int sends() {
        synchronized (sent) {
            return sent.size();
        }
    }

    ResponseEntity<?> trigger(Idempotency idempotency, @Nullable String key) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/deployments"));
        return idempotency
                .run(exchange, CLIENT, key, Map.of("appId", "coolify:a"), write())
                .block(Duration.ofSeconds(10));
    }

    /** What a request got: a response, or the problem the gateway answers. */
    record Answer(
            @Nullable ResponseEntity<?> response, @Nullable ApiException problem) {
        int status() {
            return response != null
                    ? response.getStatusCode().value()
                    : problem.code().status().value();
        }
    }

    Answer answer(Idempotency idempotency, @Nullable String key) {
        try {
            return new Answer(trigger(idempotency, key), null);
        } catch (ApiException problem) {
            return new Answer(null, problem);
        }
    }
}
