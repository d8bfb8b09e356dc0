package dev.unideploy.gateway.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based), a wait drawn evenly between half and all of
 * {@code initial × 2^(n-1)}, capped at {@code max}; instances retrying together thus spread out.
 */
record Backoff(Duration initial, Duration max) {

    Duration before(int retry) {
        long ceiling = initial.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
        long capped = Math.max(1, Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, max.toMillis()));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
