package dev.unideploy.gateway.feed;

import dev.unideploy.spi.Deployment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One watcher's memory of the deployments it has read: which event each one's status calls for, once per rise in
 * rank. The shared feed log decides finally (another instance may have published the event already); this only
 * spares it the deployments that did not change. A deployment first read already finished is history — no event —
 * if it finished before the watcher started (less a margin for clocks), else its final event is due: it came and
 * went between two reads, or while another instance held the watch.
 */
final class ChangeDetector {

    private static final int REMEMBERED = 2000;

    private final Instant historyBefore;
    private final Map<String, Integer> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    ChangeDetector(Instant historyBefore) {
        this.historyBefore = historyBefore;
    }

    /** The event a fresh read of {@code deployment} calls for, if any. */
    synchronized Optional<EventType> observe(Deployment deployment) {
        Optional<EventType> type = EventType.of(deployment.status());
        if (type.isEmpty()) {
            return type;
        }
        int rank = type.get().rank();
        Integer had = seen.put(deployment.id(), Math.max(rank, seen.getOrDefault(deployment.id(), 0)));
        if (had != null && had >= rank) {
            return Optional.empty();
        }
        if (had == null && type.get().terminal() && isHistory(deployment)) {
            return Optional.empty();
        }
        return type;
    }

    synchronized void forget(String deploymentId) {
        seen.remove(deploymentId);
    }

    private boolean isHistory(Deployment deployment) {
        Instant when = deployment.finishedAt() != null ? deployment.finishedAt() : deployment.createdAt();
        return when == null || when.isBefore(historyBefore);
    }
}
