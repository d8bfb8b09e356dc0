package dev.unideploy.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import dev.unideploy.sandbox.SimulatedProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.support.GenericApplicationContext;

/** The sandbox's simulators start when the context's refresh begins, beside the rest of the start. */
class SandboxStartTest {

    private static final List<String> TYPES = List.of("coolify", "dokploy", "zectre", "dooor", "mist");

    private static GenericApplicationContext context(String... properties) {
        GenericApplicationContext context = new GenericApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        new SandboxStart().initialize(context);
        return context;
    }

    private static String[] freePorts(String... more) {
        List<String> properties = new java.util.ArrayList<>(TYPES.stream()
                .map(type -> "unideploy.sandbox.ports." + type + "=0")
                .toList());
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    @DisplayName("in sandbox mode the five simulators start when the refresh begins and stop with the context")
    void startsWithTheRefreshAndStopsWithTheContext() {
        GenericApplicationContext context = context(freePorts("unideploy.sandbox.step=2s"));
        assertThat(context.getBeanFactory().containsSingleton(SandboxStart.BEAN_NAME))
                .as("properties may still change before the refresh: nothing started yet")
                .isFalse();

        context.refresh();
        SandboxStart.Starting starting = context.getBean(SandboxStart.BEAN_NAME, SandboxStart.Starting.class);
        assertThat(starting.options().step()).isEqualTo(Duration.ofSeconds(2));
        Sandbox sandbox = starting.await();
        List<Integer> ports =
                sandbox.providers().stream().map(SimulatedProvider::port).toList();
        assertThat(sandbox.providers()).extracting(SimulatedProvider::type).containsExactlyElementsOf(TYPES);
        assertThat(ports)
                .allSatisfy(
                        port -> assertThat(listens(port)).as("port %d", port).isTrue());

        context.close();
        assertThat(ports)
                .allSatisfy(
                        port -> assertThat(listens(port)).as("port %d", port).isFalse());
    }

    @Test
    @DisplayName("with a provider configured no simulator starts")
    void noSimulatorsWhenAProviderIsConfigured() {
        GenericApplicationContext context = context(freePorts(
                "unideploy.providers.prod.type=coolify", "unideploy.providers.prod.base-url=https://c.example"));
        context.refresh();

        assertThat(context.getBeanFactory().containsSingleton(SandboxStart.BEAN_NAME))
                .isFalse();
        context.close();
    }

    @Test
    @DisplayName("a taken port ends the wait with one line naming it, and leaves no simulator running")
    void takenPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SandboxStart.Starting starting = SandboxStart.Starting.begin(new SandboxOptions(
                    Map.of("coolify", taken.getLocalPort(), "dokploy", 0, "zectre", 0, "dooor", 0, "mist", 0),
                    Duration.ofSeconds(1)));

            assertThatThrownBy(starting::await)
                    .isInstanceOf(InvalidConfiguration.class)
                    .hasMessageContaining("unideploy.sandbox.ports.coolify")
                    .hasMessageContaining(
                            "port " + taken.getLocalPort() + " (the coolify simulator) is already in use");
            starting.destroy(); // nothing to stop, nothing thrown
        }
    }
}
