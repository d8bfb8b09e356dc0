package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Zectre's deployment status to the portable lifecycle. Zectre's {@code running} covers both "rolling out"
 * and "live" (its docs' polling loop stops on anything but {@code pending}), so task readiness decides:
 * {@code running} with every task ready ({@code tasks_ready == tasks_total > 0}) is succeeded and live.
 */
final class ZectreStatusMapping {

    /** The documented values: {@code pending → running → succeeded | failed | cancelled}. */
    enum ZectreStatus {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    private ZectreStatusMapping() {}

    static Lifecycle toLifecycle(String raw, @Nullable Integer tasksReady, @Nullable Integer tasksTotal) {
        ZectreStatus status = parse(raw);
        if (status == null) {
            return Lifecycle.unknown(raw);
        }
        return switch (status) {
            case PENDING -> Lifecycle.queued(raw);
            case RUNNING ->
                allTasksReady(tasksReady, tasksTotal)
                        ? Lifecycle.succeeded(raw)
                        : Lifecycle.inProgress(raw, Phase.DEPLOY);
            case SUCCEEDED -> Lifecycle.succeeded(raw);
            case FAILED -> Lifecycle.failed(raw);
            case CANCELLED -> Lifecycle.cancelled(raw);
        };
    }

    /** Serving traffic: every task ready; null where the status does not tell (unknown values). */
    static @Nullable Boolean toLive(String raw, @Nullable Integer tasksReady, @Nullable Integer tasksTotal) {
        ZectreStatus status = parse(raw);
        if (status == null) {
            return null;
        }
        return switch (status) {
            case RUNNING, SUCCEEDED -> allTasksReady(tasksReady, tasksTotal);
            case PENDING, FAILED, CANCELLED -> false;
        };
    }

    /** Scalable in place: a running or succeeded deployment, even one scaled to zero. */
    static boolean scalable(String raw) {
        ZectreStatus status = parse(raw);
        return status == ZectreStatus.RUNNING || status == ZectreStatus.SUCCEEDED;
    }

    static boolean allTasksReady(@Nullable Integer tasksReady, @Nullable Integer tasksTotal) {
        return tasksReady != null && tasksTotal != null && tasksTotal > 0 && tasksReady >= tasksTotal;
    }

    private static @Nullable ZectreStatus parse(String raw) {
        try {
            return ZectreStatus.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
