package dev.unideploy.adapter.dooor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DooorAdapterFactoryTest {

    private static final URI BASE = URI.create("http://127.0.0.1:9104/api/v1");

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ProviderAdapterFactory.class).stream()
                        .map(provider -> provider.get().type()))
                .contains("dooor");
    }

    @Test
    void needsATokenAndAWorkspaceNamingNeitherValue() {
        DooorAdapterFactory factory = new DooorAdapterFactory();
        assertThatThrownBy(() -> factory.create(ProviderConnection.of("d", "dooor", BASE, Map.of("token", "dor_sk_x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspace")
                .hasMessageNotContaining("dor_sk_x");
        assertThatThrownBy(() -> factory.create(ProviderConnection.of("d", "dooor", BASE, Map.of("workspace", "ws_1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
        assertThat(factory.create(ProviderConnection.of("d", "dooor", BASE, Map.of("token", "t", "workspace", "w"))))
                .isNotNull();
    }
}
