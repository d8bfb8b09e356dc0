package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Dooor OS's deployment status to the portable lifecycle, case-insensitively: the docs write lowercase, while
 * Dooor's agent deployments and triggers are UPPERCASE, so either may arrive. The raw value is kept as sent.
 */
final class DooorStatusMapping {

    enum DooorStatus {
        QUEUED,
        BUILDING,
        DEPLOYING,
        SUCCEEDED,
        FAILED,
        CANCELLED,
        /** Agent deployments' values ({@code PENDING/RECONCILING/READY/FAILED/TIMEOUT}), accepted at no cost. */
        PENDING,
        RECONCILING,
        READY,
        TIMEOUT
    }

    private DooorStatusMapping() {}

    static Lifecycle toLifecycle(String raw) {
        DooorStatus status = parse(raw);
        if (status == null) {
            return Lifecycle.unknown(raw);
        }
        return switch (status) {
            case QUEUED, PENDING -> Lifecycle.queued(raw);
            case BUILDING -> Lifecycle.inProgress(raw, Phase.BUILD);
            case DEPLOYING, RECONCILING -> Lifecycle.inProgress(raw, Phase.DEPLOY);
            case SUCCEEDED, READY -> Lifecycle.succeeded(raw);
            case FAILED, TIMEOUT -> Lifecycle.failed(raw);
            case CANCELLED -> Lifecycle.cancelled(raw);
        };
    }

    static @Nullable DooorStatus parse(String raw) {
        try {
            return DooorStatus.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
