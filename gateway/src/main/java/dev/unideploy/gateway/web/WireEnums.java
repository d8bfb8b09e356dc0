package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.DeploymentStatus;
import dev.unideploy.gateway.problem.ApiException;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Query parameters carry enum wire values ({@code status=in_progress}); Spring's default conversion expects Java
 * constant names. The generated enums know their wire values.
 */
@Configuration(proxyBeanMethods = false)
class WireEnums implements WebFluxConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, DeploymentStatus.class, value -> {
            try {
                return DeploymentStatus.fromValue(value);
            } catch (IllegalArgumentException unknown) {
                throw ApiException.invalid(
                        "status", "must be one of queued, in_progress, succeeded, failed, cancelled, unknown");
            }
        });
    }
}
