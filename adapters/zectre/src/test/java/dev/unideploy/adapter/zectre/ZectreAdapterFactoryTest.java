package dev.unideploy.adapter.zectre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ZectreAdapterFactoryTest {

    private static final URI BASE = URI.create("http://127.0.0.1:9103/api/v1");

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ProviderAdapterFactory.class).stream()
                        .map(provider -> provider.get().type()))
                .contains("zectre");
    }

    @Test
    void needsATokenAndSendsNothingToCheckIt() {
        ZectreAdapterFactory factory = new ZectreAdapterFactory();
        assertThatThrownBy(() -> factory.create(ProviderConnection.of("z", "zectre", BASE, Map.of("token", " "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
        assertThat(factory.create(ProviderConnection.of("z", "zectre", BASE, Map.of("token", "k")))
                        .connection()
                        .id())
                .isEqualTo("z");
    }
}
