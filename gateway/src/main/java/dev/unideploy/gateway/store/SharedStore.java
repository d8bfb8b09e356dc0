package dev.unideploy.gateway.store;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Where the shared state lives: its three parts in one place, and whether it answers. */
public interface SharedStore extends IdempotencyRecords, CancelledDeployments, RateLimits, AutoCloseable {

    /** How long an idempotency key is remembered after its request finished. */
    Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    /** How long an instance may hold a key without finishing (longer than any write's time limit). */
    Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(10);

    /** How long a cancelled deployment is remembered. */
    Duration CANCEL_RETENTION = Duration.ofDays(7);

    /** {@code memory} or {@code redis}. */
    String type();

    /** Completes when the store answers; errors when it does not. */
    Mono<Void> ping();

    @Override
    void close();
}
