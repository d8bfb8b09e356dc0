package dev.unideploy.gateway.store;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Idempotency records: who holds a key, for which request, and the response once there is one. Keys are opaque
 * here (the caller scopes them to the client and target).
 */
public interface IdempotencyRecords {

    /**
     * What holds a key.
     *
     * @param fingerprint a hash of the request made under the key
     * @param response the first response, once the request finished; null while it is in flight
     */
    record Entry(String fingerprint, @Nullable StoredResponse response) {

        public static Entry inFlight(String fingerprint) {
            return new Entry(fingerprint, null);
        }
    }

    /**
     * A response as it is replayed.
     *
     * @param body the JSON body, as written
     */
    record StoredResponse(
            int status,
            Map<String, List<String>> headers,
            @Nullable String body) {

        public StoredResponse {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The outcome of a claim.
     *
     * @param won true when the caller now holds the key and must run the request
     * @param current what holds the key now: the caller's in-flight entry when it won
     */
    record Claim(boolean won, Entry current) {}

    /** Takes {@code key} for a request with {@code fingerprint}, unless something already holds it. */
    Mono<Claim> claim(String key, String fingerprint);

    /** Records the response of the request holding {@code key}. */
    Mono<Void> complete(String key, Entry done);

    /** Frees {@code key} if the in-flight request with {@code fingerprint} still holds it (the request failed). */
    Mono<Void> release(String key, String fingerprint);
}
