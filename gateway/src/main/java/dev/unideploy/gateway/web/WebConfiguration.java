package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.audit.TriggeredBy;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.provider.ProviderRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web layer's own pieces: API mapping, idempotency, provider health, strict JSON, problem bodies for requests
 * refused by the HTTP layer, and quiet logs for dropped errors.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ApiMapping apiMapping(JsonMapper json, TriggeredBy triggeredBy) {
        return new ApiMapping(json, triggeredBy);
    }

    @Bean
    ProviderHealth providerHealth(DeploymentService service) {
        return new ProviderHealth(service, Duration.ofSeconds(15));
    }

    @Bean
    StrictJson strictJson(SecretRedaction redaction) {
        return new StrictJson(redaction);
    }

    @Bean
    RejectedRequestProblems rejectedRequestProblems() {
        return new RejectedRequestProblems();
    }

    @Bean
    DroppedErrors droppedErrors() {
        return DroppedErrors.install();
    }

    /**
     * {@code /actuator/health} has a component per provider connection. An unreachable provider is DEGRADED, not
     * DOWN: the gateway still serves every other provider, so a load balancer must not take it out of rotation.
     */
    @Bean("providers")
    CompositeReactiveHealthContributor providersHealthContributor(ProviderRegistry registry, ProviderHealth health) {
        Map<String, ReactiveHealthIndicator> indicators = new LinkedHashMap<>();
        registry.all()
                .forEach(handle -> indicators.put(
                        handle.id(),
                        () -> health.of(handle)
                                .map(state -> (state == Provider.HealthEnum.UP
                                                ? Health.up()
                                                : Health.status("DEGRADED"))
                                        .withDetail("type", handle.type())
                                        .withDetail("sandbox", handle.sandbox())
                                        .build())));
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }
}
