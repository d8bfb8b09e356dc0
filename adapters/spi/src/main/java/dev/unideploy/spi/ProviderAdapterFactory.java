package dev.unideploy.spi;

/**
 * Creates adapters for one provider type. Implementations are the only public type of an adapter module and
 * are registered in {@code META-INF/services/dev.unideploy.spi.ProviderAdapterFactory}.
 */
public interface ProviderAdapterFactory {

    /** The provider type this factory serves, as in configuration: coolify, dokploy, zectre, dooor, mist. */
    String type();

    /**
     * An adapter for one connection. Fails fast with {@link IllegalArgumentException} on missing settings,
     * naming the setting, never its value. Sends no request.
     */
    ProviderAdapter create(ProviderConnection connection);

    /**
     * An adapter for one connection that remembers what it must in {@code correlations} (the gateway's shared store,
     * scoped to the connection). Adapters that need no memory ignore it: by default this is {@link
     * #create(ProviderConnection)}.
     */
    default ProviderAdapter create(ProviderConnection connection, Correlations correlations) {
        return create(connection);
    }
}
