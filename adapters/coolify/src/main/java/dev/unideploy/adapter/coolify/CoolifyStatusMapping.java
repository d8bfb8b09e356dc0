package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.Lifecycle;
import java.util.Locale;

/** Coolify's {@code ApplicationDeploymentStatus} onto the portable lifecycle (DESIGN.md §2). */
final class CoolifyStatusMapping {

    /** The values Coolify writes, plus the documented (but never written) {@code cancelled}. */
    enum CoolifyStatus {
        QUEUED("queued"),
        IN_PROGRESS("in_progress"),
        FINISHED("finished"),
        FAILED("failed"),
        CANCELLED_BY_USER("cancelled-by-user"),
        CANCELLED("cancelled");

        final String wire;

        CoolifyStatus(String wire) {
            this.wire = wire;
        }
    }

    private CoolifyStatusMapping() {}

    static Lifecycle toLifecycle(String raw) {
        for (CoolifyStatus status : CoolifyStatus.values()) {
            if (status.wire.equals(raw.trim().toLowerCase(Locale.ROOT))) {
                return toLifecycle(status, raw);
            }
        }
        return Lifecycle.unknown(raw);
    }

    private static Lifecycle toLifecycle(CoolifyStatus status, String raw) {
        return switch (status) {
            case QUEUED -> Lifecycle.queued(raw);
            // Coolify cannot tell build from deploy: no phase.
            case IN_PROGRESS -> Lifecycle.inProgress(raw, null);
            case FINISHED -> Lifecycle.succeeded(raw);
            // Includes rows forced to failed by an instance restart.
            case FAILED -> Lifecycle.failed(raw);
            case CANCELLED_BY_USER, CANCELLED -> Lifecycle.cancelled(raw);
        };
    }
}
