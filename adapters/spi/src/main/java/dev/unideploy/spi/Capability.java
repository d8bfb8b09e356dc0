package dev.unideploy.spi;

/** The operations of the normalised API that a provider connection may support. */
public enum Capability {
    APPS,
    TRIGGER,
    LIST,
    GET,
    CANCEL,
    DELETE,
    LOGS,
    /** A native live stream ({@link ProviderAdapter#events}); without it the gateway polls. */
    EVENTS,
    RUNTIME,
    ROLLBACK,
    PROMOTE,
    SCALE,
    REVISIONS,
    TRAFFIC
}
