package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;

/** The outcome of a scale request: what was asked and, where the provider tells, what runs now. */
public record ScaleResult(
        String appId,
        int requestedReplicas,
        @Nullable Integer currentReplicas,
        @Nullable String status) {}
