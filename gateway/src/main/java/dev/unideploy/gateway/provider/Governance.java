package dev.unideploy.gateway.provider;

import dev.unideploy.spi.ProviderException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's rules for calling one provider connection: time limits per class of call, the circuit breaker,
 * the bulkhead, read retries and the read cache. Every call to an adapter passes through them.
 *
 * @param readTimeout the bound on one read (get, list, logs …): every attempt, and the backoff between them,
 *     ends within it; an attempt gets the time that is left
 * @param writeTimeout limit of a write (trigger, cancel …); writes are never retried
 * @param readRetries extra attempts of a read that failed on transport trouble, with jittered backoff, while
 *     {@code readTimeout} leaves time for them
 * @param retryBackoff the first backoff; each further one doubles
 * @param openFor how long an open circuit refuses calls before probing the provider again
 * @param maxConcurrent calls in flight at once to this provider (bulkhead)
 * @param coalesceWindow how long a read of an in-progress deployment is shared by every caller
 * @param terminalTtl how long a finished (immutable) deployment is served from memory
 * @param cacheSize most deployments kept in memory per connection
 */
public record Governance(
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue("2") int readRetries,
        @DefaultValue("100ms") Duration retryBackoff,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue("64") int maxConcurrent,
        @DefaultValue("1s") Duration coalesceWindow,
        @DefaultValue("10m") Duration terminalTtl,
        @DefaultValue("10000") long cacheSize) {

    /**
     * Only trouble reaching the provider opens the circuit: it was unreachable, reset the connection, or did not
     * answer in time. An answer — a 404, a refused request, even its own 500 — says the provider is there.
     */
    static boolean isProviderTrouble(Throwable error) {
        return error instanceof ProviderException.Unavailable || error instanceof ProviderException.Timeout;
    }

    CircuitBreaker circuitBreaker(CircuitBreakerRegistry registry, String connectionId) {
        return registry.circuitBreaker(
                connectionId,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .recordException(Governance::isProviderTrouble)
                        .build());
    }

    Bulkhead bulkhead(String connectionId) {
        return Bulkhead.of(
                connectionId,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent)
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }
}
