package dev.unideploy.gateway.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on mutating calls (IETF draft): the same key with the same request replays the first
 * response without calling the provider again; the same key with another request is 422; a duplicate while the
 * first is still in flight is 409. Keys are scoped to the client and kept for a day.
 */
final class Idempotency {

    private sealed interface Entry permits InFlight, Done {
        String fingerprint();
    }

    private record InFlight(String fingerprint) implements Entry {}

    private record Done(String fingerprint, ResponseEntity<?> response) implements Entry {}

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Cache<String, Entry> entries;

    Idempotency(Duration retention, long maximumSize) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(maximumSize)
                .build();
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
        String id = client.name() + "\n" + target + "\n" + key;
        String fingerprint = ApiKeys.sha256(CANONICAL.writeValueAsString(request));
        return Mono.defer(() -> {
            Entry existing = entries.asMap().putIfAbsent(id, new InFlight(fingerprint));
            if (existing == null) {
                return Mono.defer(action)
                        .doOnNext(response -> entries.put(id, new Done(fingerprint, response)))
                        .doOnError(error -> entries.invalidate(id))
                        .doOnCancel(() -> entries.asMap().remove(id, new InFlight(fingerprint)));
            }
            if (!existing.fingerprint().equals(fingerprint)) {
                return Mono.error(ApiException.of(
                        ProblemCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request."));
            }
            if (existing instanceof Done done) {
                @SuppressWarnings("unchecked")
                ResponseEntity<T> replay = (ResponseEntity<T>) done.response();
                return Mono.just(ResponseEntity.status(replay.getStatusCode())
                        .headers(replay.getHeaders())
                        .header("Idempotent-Replayed", "true")
                        .body(replay.getBody()));
            }
            return Mono.error(ApiException.conflict("A request with this Idempotency-Key is still in flight."));
        });
    }
}
