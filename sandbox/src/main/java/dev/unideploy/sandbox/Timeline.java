package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a simulated deployment started and how far it has got: the state is computed lazily from the time elapsed
 * since {@code start}, one provider state per {@code step}; a stopped (cancelled, killed) timeline is frozen.
 */
record Timeline(Instant start, Duration step, @Nullable Instant frozenAt) {

    /** A timeline starting now. */
    static Timeline startingNow(Duration step) {
        return new Timeline(Instant.now(), step, null);
    }

    /** A timeline that finished long ago: historical (seeded) deployments. */
    static Timeline historical(Duration ago, Duration step) {
        return new Timeline(Instant.now().minus(ago), step, null);
    }

    /** How many steps have passed (huge when the step is zero: tests can make deployments instant). */
    int tick() {
        Instant end = frozenAt != null ? frozenAt : Instant.now();
        long elapsed = Math.max(0, Duration.between(start, end).toNanos());
        if (step.isZero() || step.isNegative()) {
            return 1_000_000;
        }
        return (int) Math.min(elapsed / step.toNanos(), 1_000_000);
    }

    /** The moment the given tick began. */
    Instant at(int tick) {
        return start.plus(step.multipliedBy(tick));
    }

    Timeline frozen() {
        return frozenAt != null ? this : new Timeline(start, step, Instant.now());
    }

    boolean isFrozen() {
        return frozenAt != null;
    }
}
