package dev.unideploy.gateway.web;

import dev.unideploy.gateway.provider.Governance;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway finds out what a keyed write did when its answer was lost ({@code unideploy.idempotency.*}).
 *
 * @param lease how long the instance sending a write holds its key before the others take it as lost (the instance
 *     died) and find out what it did; by default the write time limit, plus the read time limit of every read attempt
 *     (a cancel reads first), plus 5 s
 * @param settle how much longer after the lease a look at the provider must still find nothing before the write counts
 *     as not done and its key runs again: a request the provider got late may still land meanwhile
 * @param recheck how often the provider is looked at again while it does not tell
 * @param reconcileFor how long one instance keeps looking while the provider cannot tell; a retry with the key starts
 *     again
 */
@ConfigurationProperties("unideploy.idempotency")
public record IdempotencyProperties(
        @Nullable Duration lease,
        @DefaultValue("15s") Duration settle,
        @DefaultValue("2s") Duration recheck,
        @DefaultValue("10m") Duration reconcileFor) {

    /** The settings in force, the lease worked out from the provider time limits unless set. */
    record Timing(Duration lease, Duration settle, Duration recheck, Duration reconcileFor) {

        /** A look starting at or after this moment that finds nothing proves the attempt sent at {@code sentAt} did nothing. */
        Instant settledAfter(Instant sentAt) {
            return sentAt.plus(lease).plus(settle);
        }
    }

    Timing timing(Governance resilience) {
        Duration worstWrite = resilience
                .writeTimeout()
                .plus(resilience.readTimeout().multipliedBy(resilience.readRetries() + 1L))
                .plus(Duration.ofSeconds(5));
        return new Timing(lease != null ? lease : worstWrite, settle, recheck, reconcileFor);
    }
}
