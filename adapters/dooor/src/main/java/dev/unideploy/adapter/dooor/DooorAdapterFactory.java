package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;

/** Creates Dooor OS adapters; needs the settings {@code token} (a bearer key) and {@code workspace}. */
public final class DooorAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "dooor";
    }

    @Override
    public ProviderAdapter create(ProviderConnection connection) {
        String token = connection.requireSetting("token");
        String workspace = connection.requireSetting("workspace");
        return new DooorAdapter(connection, new DooorClient(connection, token, workspace));
    }

    @Override
    public String toString() {
        return "DooorAdapterFactory[type=dooor]";
    }
}
