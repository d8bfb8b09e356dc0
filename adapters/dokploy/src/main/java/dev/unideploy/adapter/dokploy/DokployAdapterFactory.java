package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;

/** Creates Dokploy adapters; the connection needs the setting {@code token} (sent as {@code x-api-key}). */
public final class DokployAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "dokploy";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        return new DokployAdapter(connection, new DokployClient(connection, connection.requireSetting("token")));
    }

    @Override
    public String toString() {
        return "DokployAdapterFactory[type=dokploy]";
    }
}
