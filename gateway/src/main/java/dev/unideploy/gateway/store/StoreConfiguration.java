package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** The shared store {@code unideploy.store} names, and its health. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean(destroyMethod = "close")
    SharedStore sharedStore(UnideployProperties properties) {
        SharedStore store = switch (properties.store()) {
            case MEMORY -> new MemoryStore();
            case REDIS -> RedisStore.connect(properties.redis());
        };
        log.info("Idempotency records, the cancel ledger and rate limits are kept in {}", store.type());
        return store;
    }

    /**
     * {@code /actuator/health} component {@code store}. An unreachable Redis is DEGRADED, not DOWN: reads still
     * work, and every instance shares the one Redis, so a load balancer taking them all out would only make it worse.
     */
    @Bean("store")
    ReactiveHealthIndicator storeHealth(SharedStore store) {
        return () -> store.ping()
                .then(Mono.fromSupplier(
                        () -> Health.up().withDetail("type", store.type()).build()))
                .onErrorResume(error -> Mono.just(Health.status("DEGRADED")
                        .withDetail("type", store.type())
                        .withDetail("error", error.getClass().getSimpleName())
                        .build()));
    }
}
