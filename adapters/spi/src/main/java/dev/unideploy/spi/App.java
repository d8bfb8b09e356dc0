package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An application on a provider; {@code id} is local (the provider's app id, URL-safe). */
public record App(
        String id,
        String name,
        @Nullable String environment,
        @Nullable JsonNode raw) {}
