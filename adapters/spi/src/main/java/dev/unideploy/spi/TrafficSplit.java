package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;

/** A share of an app's traffic sent to one revision. */
public record TrafficSplit(
        String revision, int percent, @Nullable String tag) {}
