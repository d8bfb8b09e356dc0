package dev.unideploy.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Idempotency records: who holds a key, for which request, what was sent under it, and the response once it is
 * known. Keys are opaque here (the caller scopes them to the client and target). Every change after the claim is a
 * compare-and-set against the entry as the caller last saw it, so two instances never both win a step.
 */
public interface IdempotencyRecords {

    /** Where the request holding a key stands. */
    enum State {
        /** Sent (or about to be) by the holder, which answers before {@link Entry#leaseUntil()}. */
        IN_FLIGHT,
        /**
         * It may have reached the provider, but its answer was lost (a time limit, a reset, an unreadable body; or
         * the sender died): the gateway is finding out what it did. The key stays taken until it knows.
         */
        OUTCOME_UNKNOWN,
        /** The response is known and replayed. */
        DONE
    }

    /**
     * One sending of a request to the provider.
     *
     * @param id unique per sending; the correlation value a provider may keep (Dokploy's title)
     * @param sentAt when it was sent: what it made cannot be older (less the providers' clock tolerance)
     */
    record Attempt(String id, Instant sentAt) {

        public static Attempt startingAt(Instant now) {
            return new Attempt(UUID.randomUUID().toString().replace("-", ""), now);
        }
    }

    /**
     * What holds a key.
     *
     * @param fingerprint a hash of the request made under the key
     * @param attempt what was sent, for finding out what it did; null only in records of older gateways
     * @param holder who may change the entry now: the sender while in flight, the one finding out the outcome after
     * @param leaseUntil until when the holder is trusted to finish; past it, another instance may take over
     * @param response the response, once known
     */
    record Entry(
            String fingerprint,
            State state,
            @Nullable Attempt attempt,
            @Nullable String holder,
            @Nullable Instant leaseUntil,
            @Nullable StoredResponse response) {

        public Entry {
            if (state == null) {
                // a record written before states existed
                state = response == null ? State.IN_FLIGHT : State.DONE;
            }
        }

        /** A request about to be sent, held by a new holder until {@code leaseUntil}. */
        public static Entry inFlight(String fingerprint, Attempt attempt, Instant leaseUntil) {
            return new Entry(fingerprint, State.IN_FLIGHT, attempt, newHolder(), leaseUntil, null);
        }

        /** This request with its outcome unknown, held by a new holder (finding it out) until {@code leaseUntil}. */
        public Entry unknown(Instant leaseUntil) {
            return new Entry(fingerprint, State.OUTCOME_UNKNOWN, attempt, newHolder(), leaseUntil, null);
        }

        /** The same holder, trusted for longer. */
        public Entry renewed(Instant leaseUntil) {
            return new Entry(fingerprint, state, attempt, holder, leaseUntil, response);
        }

        public Entry done(StoredResponse answered) {
            return new Entry(fingerprint, State.DONE, attempt, null, null, answered);
        }

        /** Whether a holder is still trusted to finish at {@code now}. */
        public boolean leased(Instant now) {
            return leaseUntil != null && now.isBefore(leaseUntil);
        }

        private static String newHolder() {
            return UUID.randomUUID().toString();
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
     * @param won true when the caller now holds the key and must send the request
     * @param current what holds the key now: the caller's entry when it won
     */
    record Claim(boolean won, Entry current) {}

    /** Takes {@code key} with {@code mine}, unless something already holds it. */
    Mono<Claim> claim(String key, Entry mine);

    /** Replaces the entry of {@code key} with {@code next} if it is still {@code expected}; true if it was. */
    Mono<Boolean> replace(String key, Entry expected, Entry next);

    /** Frees {@code key} if its entry is still {@code expected} (the request did nothing); true if it was. */
    Mono<Boolean> remove(String key, Entry expected);
}
