package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Redis connections of the feed, webhooks and audit trail, when {@code unideploy.store} is {@code redis}. */
@Configuration(proxyBeanMethods = false)
public class RedisLinkConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "unideploy.store", havingValue = "redis")
    RedisLink redisLink(UnideployProperties properties) {
        return RedisLink.connect(properties.redis());
    }
}
