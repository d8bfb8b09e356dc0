package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.audit.TriggeredBy;
import dev.unideploy.gateway.deployment.CancelLedger;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.store.FeedLog;
import dev.unideploy.gateway.store.MemoryFeedLog;
import dev.unideploy.gateway.store.RedisFeedLog;
import dev.unideploy.gateway.store.RedisLink;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed: its log (memory, or Redis with {@code unideploy.store=redis}), the watchers, notifications. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
public class FeedConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FeedConfiguration.class);

    /** A first read this long after a deployment finished still sends its final event (clocks differ a little). */
    static final Duration HISTORY_MARGIN = Duration.ofMinutes(1);

    @Bean
    FeedLog feedLog(FeedProperties properties, ObjectProvider<RedisLink> redis) {
        RedisLink link = redis.getIfAvailable();
        if (link == null) {
            log.info("Deployment events are kept in memory for {} (lost on restart)", properties.retention());
            return new MemoryFeedLog(Clock.systemUTC(), properties.retention(), properties.maxEvents());
        }
        return new RedisFeedLog(link, Clock.systemUTC(), properties.retention(), properties.maxEvents());
    }

    @Bean
    DeploymentFeed deploymentFeed(FeedLog feedLog, DeploymentRendering rendering, TriggeredBy triggeredBy) {
        return new DeploymentFeed(feedLog, rendering, triggeredBy, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    Watchers watchers(
            ProviderRegistry registry,
            FeedProperties properties,
            FeedLog feedLog,
            DeploymentFeed feed,
            CancelLedger ledger) {
        String owner = "gateway-" + UUID.randomUUID();
        AppWatch.Context context =
                new AppWatch.Context(feedLog, feed, ledger, owner, properties.pageSize(), HISTORY_MARGIN);
        return new Watchers(registry, properties, context, Clock.systemUTC());
    }

    @Bean
    Notifications notifications(FeedProperties properties, Watchers watchers) {
        return new Notifications(properties, watchers);
    }
}
