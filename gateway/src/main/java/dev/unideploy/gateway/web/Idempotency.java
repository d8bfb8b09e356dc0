package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.IdempotencyRecords.Attempt;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
import dev.unideploy.gateway.store.IdempotencyRecords.StoredResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on mutating calls (IETF draft): the same key with the same request replays the first
 * response without calling the provider again; the same key with another request is 422; a duplicate while the first
 * is in flight is 409. Keys are scoped to the client and target and kept in the shared store, so a key used on one
 * instance replays on another.
 *
 * <p>A write whose answer is lost after it may have reached the provider is never forgotten: its key stays taken with
 * the outcome unknown, and {@link Reconciliation} finds out what it did; a retry gets that result, or 409 while the
 * gateway is still looking. The key runs again only once the provider has shown that nothing happened. A write is
 * sent on its own, so a client that goes away does not cut it short; the sender holds the key for a lease, and
 * another instance takes a key whose lease ran out (its sender died) as an unknown outcome.
 */
final class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Claims re-read after another instance moved the key first: a bound, not an expected count. */
    private static final int MAX_ROUNDS = 3;

    private final IdempotencyRecords records;
    private final JsonMapper json;
    private final IdempotencyProperties.Timing timing;
    private final Clock clock;
    private final Reconciliation reconciliation;

    /**
     * @param json the mapper responses are written with, so that a replay reads like the original
     */
    Idempotency(IdempotencyRecords records, JsonMapper json, IdempotencyProperties.Timing timing, Clock clock) {
        this.records = records;
        this.json = json;
        this.timing = timing;
        this.clock = clock;
        this.reconciliation = new Reconciliation(records, timing, clock, this::stored);
    }

    /**
     * Runs {@code write} once per client, target (the request's method and path) and key.
     *
     * @param request the request body (or what stands for it): another one under the same key is 422
     */
    <T> Mono<ResponseEntity<T>> run(
            ServerWebExchange exchange, ClientPrincipal client, @Nullable String key, Object request, Write<T> write) {
        if (key == null) {
            // no key, no record: sent once (never retried), and an ambiguous failure says what may have happened
            return Mono.defer(() -> write.send().apply(Attempt.startingAt(clock.instant())))
                    .onErrorMap(
                            Ambiguity::mayHaveLanded,
                            error -> IdempotencyAnswers.outcomeUnknown(error, write.mayHave(), null));
        }
        if (key.isBlank() || key.length() > 255) {
            return Mono.error(ApiException.invalid("Idempotency-Key", "must be 1 to 255 characters"));
        }
        String target = exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value();
        String id = ApiKeys.sha256(client.name() + "\n" + target + "\n" + key);
        String fingerprint = ApiKeys.sha256(CANONICAL.writeValueAsString(request));
        return claimed(id, fingerprint, write, 1);
    }

    private <T> Mono<ResponseEntity<T>> claimed(String id, String fingerprint, Write<T> write, int round) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Entry mine = Entry.inFlight(fingerprint, Attempt.startingAt(now), now.plus(timing.lease()));
            return records.claim(id, mine).onErrorMap(Idempotency::unavailable).flatMap(claim -> {
                if (claim.won()) {
                    return sendOnce(id, mine, write);
                }
                Entry current = claim.current();
                if (!current.fingerprint().equals(fingerprint)) {
                    return Mono.error(ApiException.of(
                            ProblemCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used with a different request."));
                }
                return switch (current.state()) {
                    case DONE -> Mono.just(replay(current.response()));
                    case IN_FLIGHT ->
                        current.leased(now)
                                ? Mono.<ResponseEntity<T>>error(IdempotencyAnswers.inFlight(timing.recheck()))
                                : takeOver(id, current, write, round);
                    case OUTCOME_UNKNOWN ->
                        current.leased(now)
                                ? Mono.<ResponseEntity<T>>error(
                                        IdempotencyAnswers.reconciling(write.mayHave(), timing.recheck()))
                                : takeOver(id, current, write, round);
                };
            });
        });
    }

    /** Sends the write, on its own, and records what came of it. */
    private <T> Mono<ResponseEntity<T>> sendOnce(String id, Entry mine, Write<T> write) {
        Mono<ResponseEntity<T>> outcome = Mono.defer(() -> write.send().apply(mine.attempt()))
                // the provider did the work: a store failure now must not turn it into an error; the key stays in
                // flight until its lease runs out, then a retry finds the result at the provider
                .flatMap(response -> records.replace(id, mine, mine.done(stored(response)))
                        .onErrorResume(unrecorded -> {
                            log.warn(
                                    "Could not record an idempotent response: {}",
                                    unrecorded.getClass().getSimpleName());
                            return Mono.just(false);
                        })
                        .thenReturn(response))
                .onErrorResume(error -> {
                    if (!Ambiguity.mayHaveLanded(error)) {
                        return records.remove(id, mine)
                                .onErrorResume(unreleased -> Mono.just(false))
                                .then(Mono.error(error));
                    }
                    Entry unknown = mine.unknown(clock.instant().plus(timing.lease()));
                    return records.replace(id, mine, unknown)
                            // unrecorded, it stays in flight until its lease runs out: then a retry finds out
                            .onErrorResume(unrecorded -> Mono.just(false))
                            .doOnNext(held -> {
                                if (held) {
                                    reconciliation.start(id, unknown, write).subscribe();
                                }
                            })
                            .then(Mono.<ResponseEntity<T>>error(
                                    IdempotencyAnswers.outcomeUnknown(error, write.mayHave(), timing.recheck())));
                });
        return detached(outcome);
    }

    /**
     * Takes over a key whose holder's lease ran out (the instance died, or stopped looking) and finds out what its
     * attempt did: answers that, runs the request again if it did nothing, or 409 while the provider does not tell.
     */
    private <T> Mono<ResponseEntity<T>> takeOver(String id, Entry current, Write<T> write, int round) {
        if (current.attempt() == null || round >= MAX_ROUNDS) {
            return Mono.error(IdempotencyAnswers.reconciling(write.mayHave(), timing.recheck()));
        }
        Entry held = current.unknown(clock.instant().plus(timing.lease()));
        return records.replace(id, current, held)
                .onErrorMap(Idempotency::unavailable)
                .flatMap(taken -> {
                    if (!taken) {
                        // another instance moved first: see where the key stands now
                        return claimed(id, current.fingerprint(), write, round + 1);
                    }
                    return reconciliation.start(id, held, write).next().flatMap(verdict -> switch (verdict.finding()) {
                        case FOUND -> Mono.just(this.<T>replay(verdict.response()));
                        case NOTHING -> claimed(id, current.fingerprint(), write, round + 1);
                        case PENDING ->
                            Mono.<ResponseEntity<T>>error(
                                    IdempotencyAnswers.reconciling(write.mayHave(), timing.recheck()));
                    });
                });
    }

    /** Runs {@code work} to its end whether or not the caller stays; the caller gets its outcome. */
    private static <T> Mono<T> detached(Mono<T> work) {
        return Mono.deferContextual(context -> {
            Mono<T> shared = work.contextWrite(context).cache();
            shared.subscribe(done -> {}, failed -> {});
            return shared;
        });
    }

    private StoredResponse stored(ResponseEntity<?> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders().forEach(headers::put);
        Object body = response.getBody();
        return new StoredResponse(
                response.getStatusCode().value(), headers, body == null ? null : json.writeValueAsString(body));
    }

    @SuppressWarnings("unchecked")
    private <T> ResponseEntity<T> replay(StoredResponse stored) {
        ResponseEntity.BodyBuilder replay = ResponseEntity.status(stored.status())
                .headers(headers -> stored.headers().forEach(headers::addAll))
                .header("Idempotent-Replayed", "true");
        if (stored.body() == null) {
            return (ResponseEntity<T>) replay.build();
        }
        JsonNode body = json.readTree(stored.body());
        return (ResponseEntity<T>)
                replay.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static Throwable unavailable(Throwable error) {
        if (error instanceof ApiException) {
            return error;
        }
        log.warn(
                "The shared store did not answer an idempotency claim: {}",
                error.getClass().getSimpleName());
        return new ApiException(
                ProblemCode.STORE_UNAVAILABLE,
                "Idempotency records are unavailable; nothing was sent to the provider. Retry later.",
                null,
                List.of(),
                Duration.ofSeconds(5));
    }
}
