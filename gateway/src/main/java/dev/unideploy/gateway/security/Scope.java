package dev.unideploy.gateway.security;

import java.util.Arrays;
import java.util.Optional;

/** What a client key may do; {@code admin} implies the others. */
public enum Scope {
    READ("deployments:read"),
    WRITE("deployments:write"),
    /** Webhook subscriptions: create, read, change, delete, and their delivery logs. */
    WEBHOOKS("webhooks:manage"),
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Scope> fromWire(String value) {
        return Arrays.stream(values()).filter(scope -> scope.wire.equals(value)).findFirst();
    }
}
