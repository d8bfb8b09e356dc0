package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The correlation store {@code unideploy.store} names: memory, or the same Redis as the shared store. */
@Configuration(proxyBeanMethods = false)
public class CorrelationStoreConfiguration {

    @Bean(destroyMethod = "close")
    CorrelationStore correlationStore(UnideployProperties properties) {
        return switch (properties.store()) {
            case MEMORY -> new MemoryCorrelationStore();
            case REDIS -> RedisCorrelationStore.connect(properties.redis());
        };
    }
}
