package dev.unideploy.gateway.store;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Where the shared state lives: its three parts in one place, and whether it answers. */
public interface SharedStore extends IdempotencyRecords, CancelledDeployments, RateLimits, AutoCloseable {

    /**
     * How long an idempotency record is kept after its last change, whatever its state: a key whose outcome is never
     * found out (the provider never tells) is freed after this too.
     */
    Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    /** How long a cancelled deployment is remembered. */
    Duration CANCEL_RETENTION = Duration.ofDays(7);

    /** {@code memory} or {@code redis}. */
    String type();

    /** Completes when the store answers; errors when it does not. */
    Mono<Void> ping();

    @Override
    void close();
}
