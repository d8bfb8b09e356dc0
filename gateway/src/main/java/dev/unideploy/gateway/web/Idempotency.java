package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
import dev.unideploy.gateway.store.IdempotencyRecords.StoredResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on mutating calls (IETF draft): the same key with the same request replays the first
 * response without calling the provider again; the same key with another request is 422; a duplicate while the
 * first is still in flight is 409. Keys are scoped to the client and target and kept for a day, in the shared store,
 * so a key used on one instance replays on another.
 */
final class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final IdempotencyRecords records;
    private final JsonMapper json;

    /**
     * @param json the mapper responses are written with, so that a replay reads like the original
     */
    Idempotency(IdempotencyRecords records, JsonMapper json) {
        this.records = records;
        this.json = json;
    }

    /**
     * Runs {@code action} once per client and key.
     *
     * @param target the request's method and path: a key is scoped to the client and the target
     * @param request the request body (or what stands for it): another one under the same key is 422
     */
    <T> Mono<ResponseEntity<T>> run(
            ClientPrincipal client,
            @Nullable String key,
            String target,
            Object request,
            Supplier<Mono<ResponseEntity<T>>> action) {
        if (key == null) {
            return Mono.defer(action);
        }
        if (key.isBlank() || key.length() > 255) {
            return Mono.error(ApiException.invalid("Idempotency-Key", "must be 1 to 255 characters"));
        }
        String id = ApiKeys.sha256(client.name() + "\n" + target + "\n" + key);
        String fingerprint = ApiKeys.sha256(CANONICAL.writeValueAsString(request));
        return records.claim(id, fingerprint)
                .onErrorMap(Idempotency::unavailable)
                .flatMap(claim -> {
                    if (claim.won()) {
                        return runOnce(id, fingerprint, action);
                    }
                    Entry existing = claim.current();
                    if (!existing.fingerprint().equals(fingerprint)) {
                        return Mono.error(ApiException.of(
                                ProblemCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used with a different request."));
                    }
                    if (existing.response() != null) {
                        return Mono.just(replay(existing.response()));
                    }
                    return Mono.error(ApiException.conflict("A request with this Idempotency-Key is still in flight."));
                });
    }

    private <T> Mono<ResponseEntity<T>> runOnce(
            String id, String fingerprint, Supplier<Mono<ResponseEntity<T>>> action) {
        return Mono.defer(action)
                .onErrorResume(error -> records.release(id, fingerprint)
                        .onErrorResume(unreleased -> Mono.empty())
                        .then(Mono.error(error)))
                // the provider did the work: a store failure now must not turn it into an error; the key stays
                // claimed until it expires, so a retry gets 409 rather than a second deployment
                .flatMap(response -> records.complete(id, new Entry(fingerprint, stored(response)))
                        .onErrorResume(unrecorded -> {
                            log.warn(
                                    "Could not record an idempotent response: {}",
                                    unrecorded.getClass().getSimpleName());
                            return Mono.empty();
                        })
                        .thenReturn(response))
                .doOnCancel(() -> records.release(id, fingerprint)
                        .onErrorResume(gone -> Mono.empty())
                        .subscribe());
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
