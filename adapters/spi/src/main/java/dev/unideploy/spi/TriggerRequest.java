package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;

/**
 * A request to deploy an app.
 *
 * @param appId the local app id
 * @param correlationId unique per gateway request; adapters whose provider returns no deployment id send it
 *     (e.g. as Dokploy's title) to find the deployment again
 */
public record TriggerRequest(
        String appId, Source source, @Nullable String environment, boolean force, String correlationId) {}
