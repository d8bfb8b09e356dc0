package dev.unideploy.gateway.web;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The web layer's own pieces: API mapping, idempotency, provider health. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ApiMapping apiMapping(JsonMapper json) {
        return new ApiMapping(json);
    }

    @Bean
    Idempotency idempotency() {
        return new Idempotency(Duration.ofHours(24), 100_000);
    }

    @Bean
    ProviderHealth providerHealth() {
        return new ProviderHealth(Duration.ofSeconds(15));
    }
}
