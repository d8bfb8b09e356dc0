package dev.unideploy.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider status translated: the portable status, the optional phase, and the literal provider value kept
 * beside them. Adapters produce one from every provider value; an unrecognised value is {@link #unknown}, never
 * an exception.
 */
public record Lifecycle(Status status, @Nullable Phase phase, String providerStatus) {

    public Lifecycle {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerStatus, "providerStatus");
        if (status != Status.IN_PROGRESS && phase != null) {
            throw new IllegalArgumentException("phase is only defined while in progress");
        }
    }

    public static Lifecycle queued(String providerStatus) {
        return new Lifecycle(Status.QUEUED, null, providerStatus);
    }

    public static Lifecycle inProgress(String providerStatus, @Nullable Phase phase) {
        return new Lifecycle(Status.IN_PROGRESS, phase, providerStatus);
    }

    public static Lifecycle succeeded(String providerStatus) {
        return new Lifecycle(Status.SUCCEEDED, null, providerStatus);
    }

    public static Lifecycle failed(String providerStatus) {
        return new Lifecycle(Status.FAILED, null, providerStatus);
    }

    public static Lifecycle cancelled(String providerStatus) {
        return new Lifecycle(Status.CANCELLED, null, providerStatus);
    }

    public static Lifecycle unknown(String providerStatus) {
        return new Lifecycle(Status.UNKNOWN, null, providerStatus);
    }

    public boolean terminal() {
        return status.terminal();
    }
}
