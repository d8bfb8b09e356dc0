package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.feed.FeedEvent;
import dev.unideploy.gateway.security.ApiKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event's delivery to one subscription, with its attempts (the last {@value #KEPT_ATTEMPTS}).
 *
 * @param id {@code msg_…}, the same however often the event is fanned out
 * @param payload the exact body sent on every attempt
 * @param windowStart when the current series of retries began (creation, or a manual retry)
 */
public record Delivery(
        String id,
        String subscriptionId,
        String eventId,
        String eventType,
        String deploymentId,
        String payload,
        State state,
        int attemptCount,
        List<Attempt> attempts,
        Instant createdAt,
        Instant windowStart,
        @Nullable Instant nextAttemptAt) {

    static final int KEPT_ATTEMPTS = 20;

    /** Where a delivery stands. */
    public enum State {
        /** Due for an attempt (now or at {@code nextAttemptAt}). */
        PENDING,
        SUCCEEDED,
        /** Retried for the whole window, or refused before sending (e.g. a private address). */
        FAILED,
        /** The receiver answered 410: it wants no more; the subscription is disabled. */
        GONE
    }

    /**
     * One attempt.
     *
     * @param status the receiver's HTTP status; null when none came (refused, timeout, connection failure)
     */
    public record Attempt(
            Instant at,
            @Nullable Integer status,
            long latencyMs,
            @Nullable String error) {}

    public Delivery {
        attempts = List.copyOf(attempts);
    }

    static Delivery of(Subscription subscription, FeedEvent event, Instant now) {
        String id =
                "msg_" + ApiKeys.sha256(event.id() + "|" + subscription.id()).substring(0, 32);
        return new Delivery(
                id,
                subscription.id(),
                event.id(),
                event.type().wire(),
                event.deploymentId(),
                event.toJson(),
                State.PENDING,
                0,
                List.of(),
                now,
                now,
                now);
    }

    /** The last attempt, if any. */
    public @Nullable Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    Delivery after(Attempt attempt, State newState, @Nullable Instant next) {
        List<Attempt> kept = new ArrayList<>(attempts);
        kept.add(attempt);
        while (kept.size() > KEPT_ATTEMPTS) kept.remove(0);
        return new Delivery(
                id,
                subscriptionId,
                eventId,
                eventType,
                deploymentId,
                payload,
                newState,
                attemptCount + 1,
                kept,
                createdAt,
                windowStart,
                next);
    }

    Delivery closed(State newState, String why, Instant now) {
        return after(new Attempt(now, null, 0, why), newState, null);
    }

    Delivery retried(Instant now) {
        return new Delivery(
                id,
                subscriptionId,
                eventId,
                eventType,
                deploymentId,
                payload,
                State.PENDING,
                attemptCount,
                attempts,
                createdAt,
                now,
                now);
    }
}
