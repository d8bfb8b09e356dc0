package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.store.SharedStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Idempotent writes: the records, how an unknown outcome is found out, and the writes themselves. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    Idempotency idempotency(
            SharedStore store, JsonMapper json, IdempotencyProperties settings, UnideployProperties properties) {
        return new Idempotency(store, json, settings.timing(properties.resilience()), Clock.systemUTC());
    }

    @Bean
    DeploymentWrites deploymentWrites(DeploymentService service, ApiMapping mapping) {
        return new DeploymentWrites(service, new WriteOutcomes(service), mapping);
    }
}
