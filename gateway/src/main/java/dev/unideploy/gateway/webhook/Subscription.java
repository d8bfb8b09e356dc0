package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.feed.EventType;
import dev.unideploy.gateway.feed.FeedEvent;
import dev.unideploy.gateway.feed.Interest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A webhook subscription.
 *
 * @param events wire event types; empty means all
 * @param providers connections; empty means all
 * @param appIds global app ids; empty means all
 * @param secret the signing secret ({@code whsec_…}); answered only when created
 * @param createdBy the client that created it ({@code configuration} for configured ones)
 * @param visible the connections its creator may see; empty means all
 * @param configured defined in configuration: read-only, and its URL is not checked for private addresses
 * @param disabledReason why delivery stopped (a 410 answer), while {@code enabled} is false
 */
public record Subscription(
        String id,
        String url,
        List<String> events,
        List<String> providers,
        List<String> appIds,
        @Nullable String description,
        String secret,
        String createdBy,
        List<String> visible,
        boolean configured,
        boolean enabled,
        @Nullable String disabledReason,
        Instant createdAt) {

    public Subscription {
        events = List.copyOf(events);
        providers = List.copyOf(providers);
        appIds = List.copyOf(appIds);
        visible = List.copyOf(visible);
    }

    /** Whether this subscription gets {@code event}. */
    public boolean wants(FeedEvent event) {
        return enabled
                && (events.isEmpty() || events.contains(event.type().wire()))
                && (providers.isEmpty() || providers.contains(event.provider()))
                && (appIds.isEmpty() || appIds.contains(event.appId()))
                && (visible.isEmpty() || visible.contains(event.provider()));
    }

    /** What it needs watched: its filters, within what its creator may see. */
    Interest interest() {
        Set<String> connections = new HashSet<>(providers);
        if (!visible.isEmpty()) {
            if (connections.isEmpty()) connections.addAll(visible);
            else connections.retainAll(visible);
            if (connections.isEmpty()) connections.add(" none");
        }
        return new Interest(connections, Set.copyOf(appIds));
    }

    Subscription withEnabled(boolean on, @Nullable String reason) {
        return new Subscription(
                id,
                url,
                events,
                providers,
                appIds,
                description,
                secret,
                createdBy,
                visible,
                configured,
                on,
                reason,
                createdAt);
    }

    static List<String> allEvents() {
        return Arrays.stream(EventType.values()).map(EventType::wire).toList();
    }

    @Override
    public String toString() {
        return "Subscription[" + id + " → " + url + "]";
    }
}
