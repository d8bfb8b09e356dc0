package dev.unideploy.gateway.store;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Per-client token buckets: {@code limit} requests at once, refilled evenly over {@code period}. */
public interface RateLimits {

    /**
     * Whether one more request may go through.
     *
     * @param remaining the requests left in the bucket after this one
     * @param retryAfter when a refused client may try again; zero when allowed
     */
    record Decision(boolean allowed, long limit, long remaining, Duration retryAfter) {

        static Decision of(ConsumptionProbe probe, long limit) {
            return new Decision(
                    probe.isConsumed(),
                    limit,
                    probe.getRemainingTokens(),
                    probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Takes one request from the client's bucket. */
    Mono<Decision> consume(String client, long limit, Duration period);

    /** The bucket of a client: one per limit and period, so that a changed limit starts afresh. */
    static String bucketKey(String client, long limit, Duration period) {
        return client + ":" + limit + "/" + period.toMillis();
    }

    /** The one limit of a client's bucket: {@code limit} at once, refilled greedily over {@code period}. */
    static Bandwidth bandwidth(long limit, Duration period) {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build();
    }
}
