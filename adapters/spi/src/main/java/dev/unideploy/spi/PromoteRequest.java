package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;

/** Promote a deployment to another environment; {@code strategy} as the provider knows it (e.g. instant). */
public record PromoteRequest(String environment, @Nullable String strategy) {}
