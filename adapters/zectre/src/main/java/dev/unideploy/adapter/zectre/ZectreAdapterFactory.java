package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import java.time.Duration;

/** Creates Zectre Platform adapters; needs the setting {@code token} (sent as {@code X-API-Key}). */
public final class ZectreAdapterFactory implements ProviderAdapterFactory {

    /** How often the event stream re-reads the deployment's status while its log stream runs. */
    static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(2);

    @Override
    public String type() {
        return "zectre";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        String token = connection.requireSetting("token");
        return new ZectreAdapter(connection, new ZectreClient(connection, token), STATUS_POLL_INTERVAL);
    }

    @Override
    public String toString() {
        return "ZectreAdapterFactory[type=zectre]";
    }
}
