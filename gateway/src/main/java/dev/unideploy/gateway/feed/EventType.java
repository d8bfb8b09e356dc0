package dev.unideploy.gateway.feed;

import dev.unideploy.spi.Status;
import java.util.Arrays;
import java.util.Optional;

/** The deployment events, with their rank: a deployment's events only move up in rank. */
public enum EventType {
    QUEUED("deployment.queued", 1),
    STARTED("deployment.started", 2),
    SUCCEEDED("deployment.succeeded", 3),
    FAILED("deployment.failed", 3),
    CANCELLED("deployment.cancelled", 3);

    private final String wire;
    private final int rank;

    EventType(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    public String wire() {
        return wire;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return rank == 3;
    }

    /** The event a deployment in {@code status} calls for; none for unknown. */
    public static Optional<EventType> of(Status status) {
        return switch (status) {
            case QUEUED -> Optional.of(QUEUED);
            case IN_PROGRESS -> Optional.of(STARTED);
            case SUCCEEDED -> Optional.of(SUCCEEDED);
            case FAILED -> Optional.of(FAILED);
            case CANCELLED -> Optional.of(CANCELLED);
            case UNKNOWN -> Optional.empty();
        };
    }

    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(value)).findFirst();
    }
}
