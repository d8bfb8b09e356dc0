package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;

/**
 * Creates Mist adapters. Mist has no API tokens: the connection needs a service account's {@code email} and
 * {@code password}; the adapter logs in lazily on first use.
 */
public final class MistAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "mist";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        String email = connection.requireSetting("email");
        String password = connection.requireSetting("password");
        return new MistAdapter(connection, new MistClient(connection, email, password));
    }

    @Override
    public String toString() {
        return "MistAdapterFactory[type=mist]";
    }
}
