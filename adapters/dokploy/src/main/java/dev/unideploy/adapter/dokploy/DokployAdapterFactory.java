package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import java.time.Clock;

/**
 * Creates Dokploy adapters; the connection needs the setting {@code token} (sent as {@code x-api-key}). The adapter
 * remembers which row each deployment it triggered is in the {@link Correlations} the gateway hands it.
 */
public final class DokployAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "dokploy";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        return create(connection, Correlations.inMemory());
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection, Correlations correlations) {
        String token = connection.requireSetting("token");
        return new DokployAdapter(
                connection,
                new DokployClient(connection, token),
                correlations,
                new DokploySeal(token),
                DokployAdapter.POLL,
                Clock.systemUTC());
    }

    @Override
    public String toString() {
        return "DokployAdapterFactory[type=dokploy]";
    }
}
