package dev.unideploy.gateway.audit;

import dev.unideploy.gateway.store.AuditRecords;
import dev.unideploy.gateway.store.MemoryAuditRecords;
import dev.unideploy.gateway.store.RedisAuditRecords;
import dev.unideploy.gateway.store.RedisLink;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail (memory, or Redis with {@code unideploy.store=redis}), its filter, and attributions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean
    AuditRecords auditRecords(AuditProperties properties, ObjectProvider<RedisLink> redis) {
        RedisLink link = redis.getIfAvailable();
        return link == null
                ? new MemoryAuditRecords(Clock.systemUTC(), properties.retention(), properties.maxRecords())
                : new RedisAuditRecords(link, Clock.systemUTC(), properties.retention(), properties.maxRecords());
    }

    @Bean
    Attributions attributions(AuditRecords records, AuditProperties properties) {
        return new Attributions(records, properties.retention());
    }

    @Bean
    AuditTrail auditTrail(AuditRecords records, Attributions attributions) {
        return new AuditTrail(records, attributions);
    }

    @Bean
    AuditFilter auditFilter(AuditTrail trail) {
        return new AuditFilter(trail, Clock.systemUTC());
    }
}
