package dev.unideploy.spi;

/** The one coarse lifecycle every provider can answer honestly (DESIGN.md §2). */
public enum Status {
    QUEUED,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** A provider value this version does not know; the raw value is kept in {@code providerStatus}. */
    UNKNOWN;

    /** Succeeded, failed and cancelled are final; unknown is not. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
