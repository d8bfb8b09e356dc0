package dev.unideploy.adapter.mist;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import java.util.Locale;

/** Mist's deployment statuses onto the portable lifecycle (DESIGN.md §2). */
final class MistStatusMapping {

    /** The values Mist writes ({@code cloning} is not in its own enum) plus the never-written {@code rolled_back}. */
    enum MistStatus {
        PENDING,
        CLONING,
        BUILDING,
        DEPLOYING,
        SUCCESS,
        FAILED,
        STOPPED,
        ROLLED_BACK;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private MistStatusMapping() {}

    static Lifecycle toLifecycle(String raw) {
        for (MistStatus status : MistStatus.values()) {
            if (status.wire().equalsIgnoreCase(raw.trim())) {
                return toLifecycle(status, raw);
            }
        }
        return Lifecycle.unknown(raw);
    }

    private static Lifecycle toLifecycle(MistStatus status, String raw) {
        return switch (status) {
            case PENDING -> Lifecycle.queued(raw);
            case CLONING, BUILDING -> Lifecycle.inProgress(raw, Phase.BUILD);
            case DEPLOYING -> Lifecycle.inProgress(raw, Phase.DEPLOY);
            case SUCCESS -> Lifecycle.succeeded(raw);
            case FAILED -> Lifecycle.failed(raw);
            // stopDep: a user abort.
            case STOPPED -> Lifecycle.cancelled(raw);
            // Defined but never written: a deployment that succeeded and was later replaced.
            case ROLLED_BACK -> Lifecycle.succeeded(raw);
        };
    }
}
