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
}
