package dev.unideploy.gateway.feed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unideploy.feed.*}: how deployments are watched and how long events are kept.
 *
 * @param interval how often each watched app's deployment list is read
 * @param intervals per provider connection, overriding {@code interval}
 * @param pageSize how many of an app's newest deployments each read covers
 * @param appsRefresh how often the apps of watched connections are listed again
 * @param retention how long events are kept: the window in which {@code Last-Event-ID} resumes
 * @param maxEvents at most this many events are kept
 * @param notifications per provider connection, the secret its notifications to {@code POST
 *     /v1/providers/{provider}/notifications} carry
 */
@ConfigurationProperties("unideploy.feed")
public record FeedProperties(
        @DefaultValue("5s") Duration interval,
        @DefaultValue Map<String, Duration> intervals,
        @DefaultValue("20") int pageSize,
        @DefaultValue("1m") Duration appsRefresh,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("100000") int maxEvents,
        @DefaultValue Map<String, Notification> notifications) {

    public FeedProperties {
        intervals = new LinkedHashMap<>(intervals);
        notifications = new LinkedHashMap<>(notifications);
    }

    /** The interval of a connection's watchers. */
    public Duration intervalOf(String connection) {
        return intervals.getOrDefault(connection, interval);
    }

    /**
     * A connection's notification secret.
     *
     * @param secretSha256 hex SHA-256 of the secret (the secret itself is never stored), as for client keys
     */
    public record Notification(String secretSha256) {

        @Override
        public String toString() {
            return "Notification[secret configured]";
        }
    }
}
