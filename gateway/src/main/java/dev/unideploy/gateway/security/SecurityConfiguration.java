package dev.unideploy.gateway.security;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.store.SharedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client authentication (API keys from {@code unideploy.clients}, or the sandbox token in sandbox mode), the path
 * guard in front of it, and the masking of secrets in response headers and log lines.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(UnideployProperties properties) {
        ApiKeys keys = ApiKeys.from(properties);
        if (keys.isEmpty()) {
            log.warn("No client API key configured (unideploy.clients): every API request will answer 401");
        }
        return keys;
    }

    @Bean
    PathGuardFilter pathGuardFilter() {
        return new PathGuardFilter();
    }

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ApiKeys keys) {
        return new ApiKeyAuthenticationFilter(keys);
    }

    @Bean
    RateLimitFilter rateLimitFilter(SharedStore store, UnideployProperties properties) {
        return new RateLimitFilter(store, properties);
    }

    @Bean
    ResponseHeaderRedaction responseHeaderRedaction(SecretRedaction redaction) {
        return new ResponseHeaderRedaction(redaction);
    }

    @Bean(destroyMethod = "close")
    LogRedaction logRedaction(SecretRedaction redaction) {
        return new LogRedaction(redaction);
    }
}
