package dev.unideploy.gateway.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unideploy.webhooks.*}.
 *
 * @param subscriptions subscriptions defined in configuration, by id (read-only through the API)
 * @param allowPrivateNetworks deliver to loopback, private and link-local addresses too (off: SSRF)
 * @param retryFor how long a delivery is retried before it is given up
 * @param initialBackoff the wait before the first retry; it doubles with each, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param timeout how long one attempt may take
 * @param lease how long an instance holds a delivery it is attempting before another may take it over
 * @param poll how often each instance looks for deliveries due
 * @param concurrency attempts in flight per instance at most
 * @param retention how long deliveries are kept in the delivery log
 */
@ConfigurationProperties("unideploy.webhooks")
public record WebhookProperties(
        @DefaultValue Map<String, Configured> subscriptions,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("16") int concurrency,
        @DefaultValue("7d") Duration retention) {

    public WebhookProperties {
        subscriptions = new LinkedHashMap<>(subscriptions);
    }

    /**
     * A subscription defined in configuration; it sees every connection.
     *
     * @param secret the signing secret, {@code whsec_} and base64 (never printed)
     * @param events event types; empty means all
     * @param providers provider connections; empty means all
     * @param appIds global app ids; empty means all
     */
    public record Configured(
            String url,
            String secret,
            @DefaultValue List<String> events,
            @DefaultValue List<String> providers,
            @DefaultValue List<String> appIds,
            @Nullable String description) {

        @Override
        public String toString() {
            return "Configured[url=" + url + ", events=" + events + "]";
        }
    }
}
