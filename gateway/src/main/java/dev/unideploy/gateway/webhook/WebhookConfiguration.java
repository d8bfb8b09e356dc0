package dev.unideploy.gateway.webhook;

import com.standardwebhooks.Webhook;
import dev.unideploy.gateway.feed.Watchers;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.store.FeedLog;
import dev.unideploy.gateway.store.MemoryWebhookRecords;
import dev.unideploy.gateway.store.RedisLink;
import dev.unideploy.gateway.store.RedisWebhookRecords;
import dev.unideploy.gateway.store.WebhookRecords;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhooks: subscriptions (memory, or Redis with {@code unideploy.store=redis}), fan-out and delivery. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    WebhookRecords webhookRecords(WebhookProperties properties, ObjectProvider<RedisLink> redis) {
        RedisLink link = redis.getIfAvailable();
        return link == null
                ? new MemoryWebhookRecords(properties.retention())
                : new RedisWebhookRecords(link, properties.retention());
    }

    @Bean
    Subscriptions subscriptions(
            WebhookRecords records, WebhookProperties properties, ProviderRegistry registry, Watchers watchers) {
        Subscriptions subscriptions = new Subscriptions(
                records,
                new UrlGuard(properties.allowPrivateNetworks()),
                registry,
                configured(properties),
                Clock.systemUTC(),
                watchers::changed);
        watchers.addSource(subscriptions::interests);
        return subscriptions;
    }

    @Bean(destroyMethod = "close")
    Dispatcher webhookDispatcher(WebhookRecords records, Subscriptions subscriptions, WebhookProperties properties) {
        Sender sender =
                new Sender(new UrlGuard(properties.allowPrivateNetworks()), properties.timeout(), Clock.systemUTC());
        return new Dispatcher(records, subscriptions, sender, properties, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    Fanout webhookFanout(
            FeedLog feedLog,
            Subscriptions subscriptions,
            WebhookRecords records,
            WebhookProperties properties,
            Dispatcher dispatcher) {
        return new Fanout(
                feedLog,
                subscriptions,
                records,
                properties,
                Clock.systemUTC(),
                "gateway-" + UUID.randomUUID(),
                dispatcher::wake);
    }

    @Bean
    DeliveryLog deliveryLog(WebhookRecords records, Subscriptions subscriptions, Dispatcher dispatcher) {
        return new DeliveryLog(records, subscriptions, dispatcher::wake, Clock.systemUTC());
    }

    /** The subscriptions of {@code unideploy.webhooks.subscriptions}; a bad one stops the start, naming its key. */
    static Map<String, Subscription> configured(WebhookProperties properties) {
        Map<String, Subscription> configured = new LinkedHashMap<>();
        properties.subscriptions().forEach((id, entry) -> {
            String key = "unideploy.webhooks.subscriptions." + id;
            if (entry.url() == null || entry.secret() == null || !entry.secret().startsWith("whsec_")) {
                throw new IllegalArgumentException(key + " needs a url and a secret of the form whsec_<base64>");
            }
            try {
                new Webhook(entry.secret());
            } catch (Exception invalid) {
                throw new IllegalArgumentException(key + ".secret is not whsec_<base64>");
            }
            URI url = URI.create(entry.url());
            if (url.getHost() == null || !url.getScheme().matches("(?i)https?")) {
                throw new IllegalArgumentException(key + ".url must be an http or https URL");
            }
            configured.put(
                    id,
                    new Subscription(
                            id,
                            entry.url(),
                            entry.events(),
                            entry.providers(),
                            entry.appIds(),
                            entry.description(),
                            entry.secret(),
                            "configuration",
                            List.of(),
                            true,
                            true,
                            null,
                            Instant.EPOCH));
        });
        return configured;
    }
}
