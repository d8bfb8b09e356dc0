package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;

/** Creates Coolify adapters; the connection needs the setting {@code token} (a Sanctum API token). */
public final class CoolifyAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "coolify";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        return new CoolifyAdapter(connection, new CoolifyClient(connection, connection.requireSetting("token")));
    }

    @Override
    public String toString() {
        return "CoolifyAdapterFactory[type=coolify]";
    }
}
