package dev.unideploy.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A revision of an app, with the share of traffic it serves. */
public record Revision(
        String name,
        @Nullable String image,
        @Nullable Integer trafficPercent,
        @Nullable Instant createdAt) {}
