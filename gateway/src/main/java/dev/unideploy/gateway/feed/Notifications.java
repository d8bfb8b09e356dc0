package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.security.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Provider notifications, the fast path: a provider that can call out when a deployment changes (Coolify's custom
 * webhook notifications) makes the gateway read the app at once instead of at the next poll. A notification is never
 * believed: it only says "look now", and the gateway reads the deployment from the provider's API.
 */
public final class Notifications {

    private final FeedProperties properties;
    private final Watchers watchers;

    public Notifications(FeedProperties properties, Watchers watchers) {
        this.properties = properties;
        this.watchers = watchers;
    }

    /** Whether the connection accepts notifications (it has a secret). */
    public boolean configured(String connection) {
        return properties.notifications().containsKey(connection);
    }

    /** Whether {@code secret} is the connection's notification secret (false when it has none). */
    public boolean authentic(String connection, @Nullable String secret) {
        FeedProperties.Notification configured = properties.notifications().get(connection);
        if (configured == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = configured.secretSha256().trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        byte[] presented = ApiKeys.sha256(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }

    /**
     * Reads at once the app the notification names, or every watched app of the connection when it names none.
     * Coolify sends {@code {event, application_uuid, deployment_uuid, …}} (PROVIDERS.md §1); other shapes poke the
     * whole connection.
     *
     * @return how many watched apps are read
     */
    public int received(String connection, @Nullable JsonNode body) {
        String app = Optional.ofNullable(body)
                .map(node -> node.path("application_uuid").asString(""))
                .filter(uuid -> uuid.matches("[A-Za-z0-9._~-]{1,200}"))
                .orElse(null);
        int poked = app == null ? 0 : watchers.poke(connection, app);
        return poked > 0 ? poked : watchers.poke(connection, null);
    }
}
