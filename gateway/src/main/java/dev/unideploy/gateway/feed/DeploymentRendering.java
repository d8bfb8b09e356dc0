package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.spi.Deployment;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Renders a deployment as the API's normalised Deployment JSON (the web layer knows the API models). */
public interface DeploymentRendering {

    /** @param triggeredBy the client that made it through the gateway, if any */
    JsonNode render(Located<Deployment> deployment, @Nullable String triggeredBy);
}
