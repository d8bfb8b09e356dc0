package dev.unideploy.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A write that makes a deployment — trigger, rollback or promote — as the gateway sent it, so that an adapter can
 * find the deployment again when the answer was lost ({@link ProviderAdapter#findCreated}).
 */
public sealed interface Creation {

    /**
     * How much earlier than the moment the gateway sent a write a provider may stamp the deployment it made: the
     * clocks of two hosts differ a little. Only looked into when nothing was made since the moment itself.
     */
    Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

    /** {@link ProviderAdapter#trigger}. */
    record Trigger(TriggerRequest request) implements Creation {}

    /** {@link ProviderAdapter#rollback} of {@code deploymentId} (the target, the deployment to return to). */
    record Rollback(String deploymentId) implements Creation {}

    /** {@link ProviderAdapter#promote} of {@code deploymentId}. */
    record Promote(String deploymentId, PromoteRequest request) implements Creation {}

    /**
     * Of the deployments of an app that could be what a write sent at {@code sentAt} made, the one it made: the first
     * made since it was sent — a later write can only have made a later one. A provider that keeps whole seconds
     * (Coolify's Laravel timestamps; told by every stamp falling on a whole second) stamps it with the second it was
     * sent in. Only when none was made since, the
     * last one made in the {@link #CLOCK_TOLERANCE} before (the provider's clock may be behind ours); else none.
     * Candidates without a creation time are never taken.
     *
     * @param createdAt when the provider says a candidate was made
     * @param creationOrder orders candidates as the provider made them (its sequence where it has one)
     */
    static <T> Optional<T> madeBy(
            Instant sentAt,
            List<T> candidates,
            Function<? super T, @Nullable Instant> createdAt,
            Comparator<? super T> creationOrder) {
        // a provider whose stamps all fall on whole seconds keeps no more: ours carries the second it was sent in
        boolean wholeSeconds =
                candidates.stream().map(createdAt).filter(Objects::nonNull).allMatch(created -> created.getNano() == 0);
        Instant since = wholeSeconds ? sentAt.truncatedTo(ChronoUnit.SECONDS) : sentAt;
        Optional<T> first = candidates.stream()
                .filter(candidate -> {
                    Instant created = createdAt.apply(candidate);
                    return created != null && !created.isBefore(since);
                })
                .min(creationOrder);
        if (first.isPresent()) {
            return first;
        }
        Instant earliest = sentAt.minus(CLOCK_TOLERANCE);
        return candidates.stream()
                .filter(candidate -> {
                    Instant created = createdAt.apply(candidate);
                    return created != null && !created.isBefore(earliest);
                })
                .max(creationOrder);
    }

    /**
     * {@link #madeBy} over an app's deployments as {@link ProviderAdapter#listDeployments} answers them (newest
     * first), those that {@code match}: ordered by creation time, and on equal times by their place in the list.
     */
    static Optional<Deployment> firstSince(
            List<Deployment> newestFirst, Instant sentAt, Predicate<? super Deployment> matches) {
        List<Deployment> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<Deployment> candidates = oldestFirst.stream().filter(matches).toList();
        return madeBy(
                sentAt,
                candidates,
                Deployment::createdAt,
                Comparator.comparing((Deployment deployment) -> Objects.requireNonNull(deployment.createdAt()))
                        .thenComparingInt(candidates::indexOf));
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
