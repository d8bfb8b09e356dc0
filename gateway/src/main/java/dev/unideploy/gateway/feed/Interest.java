package dev.unideploy.gateway.feed;

import java.util.Set;

/**
 * What someone (a webhook subscription, a feed client) wants watched.
 *
 * @param connections the connections wanted; empty means every connection
 * @param appIds global app ids: when not empty, only these apps (within {@code connections}) are wanted
 */
public record Interest(Set<String> connections, Set<String> appIds) {

    public Interest {
        connections = Set.copyOf(connections);
        appIds = Set.copyOf(appIds);
    }

    /** Whether every app of {@code connection} is wanted. */
    boolean wantsAllOf(String connection) {
        return appIds.isEmpty() && (connections.isEmpty() || connections.contains(connection));
    }

    /** Whether the app {@code appId} (global) of {@code connection} is wanted. */
    boolean wants(String connection, String appId) {
        return wantsAllOf(connection)
                || (appIds.contains(appId) && (connections.isEmpty() || connections.contains(connection)));
    }
}
