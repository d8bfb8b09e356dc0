package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Lifecycle;
import java.util.Locale;

/**
 * Dokploy's {@code deploymentStatus} and BullMQ job states onto the portable lifecycle (DESIGN.md §2). A queued
 * deployment is only a job: Dokploy writes the row ({@code running}) when a worker picks it up.
 */
final class DokployStatusMapping {

    /** {@code pgEnum("deploymentStatus")}. There is no {@code pending}, whatever the doc says. */
    enum DokployStatus {
        RUNNING,
        DONE,
        ERROR,
        CANCELLED
    }

    /** BullMQ job states, as {@code deployment.queueList} reports them. */
    enum JobState {
        WAITING,
        DELAYED,
        PRIORITIZED,
        PAUSED,
        WAITING_CHILDREN,
        ACTIVE,
        COMPLETED,
        FAILED
    }

    private DokployStatusMapping() {}

    static Lifecycle toLifecycle(String raw) {
        for (DokployStatus status : DokployStatus.values()) {
            if (status.name().equalsIgnoreCase(raw.trim())) {
                return switch (status) {
                    // Dokploy cannot tell build from deploy: no phase.
                    case RUNNING -> Lifecycle.inProgress(raw, null);
                    case DONE -> Lifecycle.succeeded(raw);
                    // Also what killProcess writes; the adapter reports its own kills as cancelled.
                    case ERROR -> Lifecycle.failed(raw);
                    // Written at Dokploy startup for rows left running: interrupted.
                    case CANCELLED -> Lifecycle.cancelled(raw);
                };
            }
        }
        return Lifecycle.unknown(raw);
    }

    static Lifecycle jobLifecycle(String raw) {
        String normalised = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (JobState state : JobState.values()) {
            if (state.name().equals(normalised)) {
                return switch (state) {
                    case WAITING, DELAYED, PRIORITIZED, PAUSED, WAITING_CHILDREN -> Lifecycle.queued(raw);
                    // Picked up; the row is about to appear.
                    case ACTIVE -> Lifecycle.inProgress(raw, null);
                    // The row holds the outcome; a finished job without a row says only that it ran.
                    case COMPLETED -> Lifecycle.unknown(raw);
                    case FAILED -> Lifecycle.failed(raw);
                };
            }
        }
        return Lifecycle.unknown(raw);
    }
}
