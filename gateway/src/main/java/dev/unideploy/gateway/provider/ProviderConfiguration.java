package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.config.SandboxStart;
import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.store.CorrelationStore;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider connections: those configured under {@code unideploy.providers}, or — with none configured — the
 * five sandbox simulators, started in-process. The simulators never start when a provider is configured.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /** Holds the registry of the gateway's circuit breakers. */
    public record ProviderCircuitBreakers(CircuitBreakerRegistry registry) {}

    /** The running simulators; a holder so that production configurations have none. */
    public record SandboxHolder(@Nullable Sandbox sandbox) implements AutoCloseable {
        @Override
        public void close() {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    SandboxHolder sandboxHolder(UnideployProperties properties, ObjectProvider<SandboxStart.Starting> early) {
        if (!properties.sandboxMode()) {
            return new SandboxHolder(null);
        }
        // started by SandboxStart beside the rest of the start; waits until all five listen
        SandboxOptions options = SandboxStart.options(properties);
        SandboxStart.Starting starting = early.getIfAvailable();
        if (starting == null || !starting.options().equals(options)) {
            if (starting != null) {
                starting.destroy();
            }
            starting = SandboxStart.Starting.begin(options);
        }
        Sandbox sandbox = starting.await();
        sandbox.providers()
                .forEach(provider -> log.info(
                        "Sandbox: {} simulator at {} (admin API {}/__admin)",
                        provider.type(),
                        provider.baseUrl(),
                        "http://127.0.0.1:" + provider.port()));
        return new SandboxHolder(sandbox);
    }

    /** The gateway's own circuit breakers, one per connection (not Resilience4j's auto-configured registry). */
    @Bean
    ProviderCircuitBreakers providerCircuitBreakers(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return new ProviderCircuitBreakers(registry);
    }

    @Bean
    ProviderConnections providerConnections(
            UnideployProperties properties,
            ProviderCircuitBreakers breakers,
            MeterRegistry meters,
            CorrelationStore correlations) {
        return new ProviderConnections(properties.resilience(), breakers.registry(), meters, correlations);
    }

    @Bean
    ProviderRegistry providerRegistry(
            UnideployProperties properties, SandboxHolder holder, ProviderConnections connections) {
        List<ProviderHandle> handles = new ArrayList<>();
        if (holder.sandbox() != null) {
            holder.sandbox()
                    .providers()
                    .forEach(provider -> handles.add(connections.connect(
                            provider.type(),
                            provider.type(),
                            provider.baseUrl().toString(),
                            provider.settings(),
                            true)));
            log.info("Sandbox mode: no provider configured; accepting the client token from unideploy.sandbox.token");
        } else {
            properties
                    .providers()
                    .forEach((id, provider) -> handles.add(connections.connect(
                            id, provider.type(), provider.baseUrl(), provider.settings(), false, provider.limits())));
        }
        return new ProviderRegistry(handles);
    }
}
