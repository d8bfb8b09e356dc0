package dev.unideploy.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));

    @Test
    @DisplayName("retry n waits between half and all of initial × 2^(n-1), capped, and the waits are spread")
    void exponentialWithJitterAndCap() {
        for (int retry = 1; retry <= 40; retry++) {
            long ceiling = Math.min(
                    5_000L << Math.min(retry - 1, 30), Duration.ofHours(1).toMillis());
            Set<Long> seen = new HashSet<>();
            for (int sample = 0; sample < 200; sample++) {
                long wait = backoff.before(retry).toMillis();
                assertThat(wait).as("retry %d", retry).isBetween(ceiling / 2, ceiling);
                seen.add(wait);
            }
            assertThat(seen).as("jitter at retry %d", retry).hasSizeGreaterThan(10);
        }
    }

    @Test
    @DisplayName("with the defaults a delivery is retried about 30 times over 24 hours")
    void defaultsSpanTheDay() {
        Duration total = Duration.ZERO;
        int retries = 0;
        while (total.compareTo(Duration.ofHours(24)) < 0) {
            total = total.plus(backoff.before(++retries));
        }
        assertThat(retries).isBetween(25, 60);
    }
}
