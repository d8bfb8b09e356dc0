package dev.unideploy.gateway.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * When one read must be over, its retries included: each attempt gets the time that is left, and no retry starts
 * whose backoff would end past it. Time is Reactor's scheduler clock, so tests run it on virtual time.
 */
final class ReadDeadline {

    private final long endMillis;

    private ReadDeadline(long endMillis) {
        this.endMillis = endMillis;
    }

    static ReadDeadline after(Duration budget) {
        return new ReadDeadline(now() + budget.toMillis());
    }

    Duration remaining() {
        return Duration.ofMillis(Math.max(0, endMillis - now()));
    }

    /**
     * Up to {@code retries} retries of failures {@code worthIt} accepts, after an exponential backoff from {@code
     * first} with ±50 % jitter; the last failure is rethrown as it was.
     */
    Retry retries(int retries, Duration first, Predicate<Throwable> worthIt) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long attempt = signal.totalRetriesInARow();
            if (attempt >= retries || !worthIt.test(failure)) {
                return Mono.error(failure);
            }
            long base = first.toMillis() << Math.min(attempt, 20);
            long backoff = Math.max(
                    1, base + (long) (base * (ThreadLocalRandom.current().nextDouble() - 0.5)));
            if (now() + backoff >= endMillis) {
                return Mono.error(failure);
            }
            return Mono.delay(Duration.ofMillis(backoff)).thenReturn(attempt);
        }));
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
