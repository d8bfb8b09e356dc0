package dev.unideploy.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a cancel can stop on a provider connection ({@link ProviderAdapter#cancelScope()}): a provider may support
 * cancel only while a deployment waits (Dokploy), or not at all. Elsewhere a cancel answers {@link
 * ProviderException.Conflict} saying why.
 *
 * @param statuses the statuses in which a deployment can be cancelled; empty when cancel is unsupported
 * @param limits what else limits a cancel, as a sentence for users; null when nothing does
 */
public record CancelScope(Set<Status> statuses, @Nullable String limits) {

    /** Cancel is unsupported. */
    public static final CancelScope NONE = new CancelScope(Set.of(), null);

    /** Queued and in-progress deployments can be cancelled. */
    public static final CancelScope QUEUED_OR_IN_PROGRESS =
            new CancelScope(EnumSet.of(Status.QUEUED, Status.IN_PROGRESS), null);

    public CancelScope {
        statuses = statuses.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(statuses)); // in Status order
        if (statuses.stream().anyMatch(Status::terminal)) {
            throw new IllegalArgumentException("a terminal deployment cannot be cancelled: " + statuses);
        }
    }
}
