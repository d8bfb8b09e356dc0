package dev.unideploy.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A write that makes a deployment — trigger, rollback or promote — as the gateway sent it, so that an adapter can
 * find the deployment again when the answer was lost ({@link ProviderAdapter#findCreated}).
 */
public sealed interface Creation {

    /**
     * How much earlier than the moment the gateway sent a write a provider may stamp the deployment it made: clocks
     * of two hosts differ a little, and some providers keep whole seconds only (Coolify's Laravel timestamps).
     */
    Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

    /** {@link ProviderAdapter#trigger}. */
    record Trigger(TriggerRequest request) implements Creation {}

    /** {@link ProviderAdapter#rollback} of {@code deploymentId} (the target, the deployment to return to). */
    record Rollback(String deploymentId) implements Creation {}

    /** {@link ProviderAdapter#promote} of {@code deploymentId}. */
    record Promote(String deploymentId, PromoteRequest request) implements Creation {}

    /** The earliest moment a deployment made by a write sent at {@code sentAt} can carry. */
    static Instant earliest(Instant sentAt) {
        return sentAt.minus(CLOCK_TOLERANCE).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Of an app's deployments (newest first, as {@link ProviderAdapter#listDeployments} answers them), the first one
     * made at or after {@code sentAt} that {@code matches}: the oldest such, because a write made its deployment
     * before any later write made theirs. Deployments without a creation time are never taken.
     */
    static Optional<Deployment> firstSince(
            List<Deployment> newestFirst, Instant sentAt, Predicate<? super Deployment> matches) {
        Instant earliest = earliest(sentAt);
        Deployment first = null;
        for (Deployment deployment : newestFirst) {
            Instant created = deployment.createdAt();
            if (created == null || created.isBefore(earliest) || !matches.test(deployment)) {
                continue;
            }
            // newest first: on equal times the later one in the list is the older
            if (first == null || !created.isAfter(first.createdAt())) {
                first = deployment;
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * Whether {@code deployment} can be what this creation made, judged from the normalised model only: the kind,
     * and the source and environment where both sides name one. Adapters that know more refine it.
     */
    default boolean couldHaveMade(Deployment deployment) {
        if (this instanceof Trigger trigger) {
            TriggerRequest request = trigger.request();
            return (deployment.kind() == Kind.DEPLOY || deployment.kind() == Kind.REDEPLOY)
                    && agrees(request.environment(), deployment.environment())
                    && agrees(request.source().commitSha(), deployment.source().commitSha())
                    && agrees(request.source().image(), deployment.source().image());
        }
        if (this instanceof Rollback rollback) {
            return !deployment.id().equals(rollback.deploymentId())
                    && deployment.kind() == Kind.ROLLBACK
                    && (deployment.rollbackOf() == null
                            || deployment.rollbackOf().equals(rollback.deploymentId()));
        }
        Promote promote = (Promote) this;
        return !deployment.id().equals(promote.deploymentId())
                && (deployment.kind() == Kind.PROMOTE
                        || Objects.equals(promote.request().environment(), deployment.environment()));
    }

    /**
     * The deployment as the write itself would have answered it: a rollback names its target and says so, a promote
     * says so.
     */
    default Deployment asAnswered(Deployment found) {
        if (this instanceof Rollback rollback) {
            return found.toBuilder()
                    .kind(Kind.ROLLBACK)
                    .rollbackOf(found.rollbackOf() != null ? found.rollbackOf() : rollback.deploymentId())
                    .build();
        }
        return this instanceof Promote ? found.toBuilder().kind(Kind.PROMOTE).build() : found;
    }

    /** Equal, or one side does not say: a commit may be named short on one side and long on the other. */
    private static boolean agrees(@Nullable String wanted, @Nullable String seen) {
        if (wanted == null || seen == null || wanted.isBlank() || seen.isBlank()) {
            return true;
        }
        return wanted.equalsIgnoreCase(seen) || wanted.startsWith(seen) || seen.startsWith(wanted);
    }
}
