package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.Deployment;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.feed.DeploymentRendering;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Feed events carry the API's own Deployment JSON, as the REST answers render it. */
final class FeedRendering implements DeploymentRendering {

    private final ApiMapping mapping;
    private final JsonMapper json;

    FeedRendering(ApiMapping mapping, JsonMapper json) {
        this.mapping = mapping;
        this.json = json;
    }

    // dev.unideploy.spi.Deployment in full: the imported API model has its simple name
    @Override
    public JsonNode render(Located<dev.unideploy.spi.Deployment> deployment, @Nullable String triggeredBy) {
        Deployment rendered = mapping.toDeployment(deployment, false);
        if (triggeredBy != null) {
            rendered.setTriggeredBy(triggeredBy);
        }
        return json.valueToTree(rendered);
    }

    @Configuration(proxyBeanMethods = false)
    static class FeedRenderingConfiguration {

        @Bean
        FeedRendering feedRendering(ApiMapping mapping, JsonMapper json) {
            return new FeedRendering(mapping, json);
        }
    }
}
