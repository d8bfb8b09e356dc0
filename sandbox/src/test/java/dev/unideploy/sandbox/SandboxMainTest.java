package dev.unideploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void startsFiveSimulatorsOnAllInterfacesAndPrintsTheirBaseUrls() {
        try (Sandbox sandbox = SandboxMain.start(new String[] {"--free-ports", "--step=50"}, out)) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("listening on 0.0.0.0");
            assertThat(sandbox.providers())
                    .hasSize(5)
                    .allSatisfy(provider -> assertThat(output)
                            .contains(provider.type() + " ")
                            .contains(provider.baseUrl().toString()));

            SimulatedProvider coolify = sandbox.provider("coolify");
            var response =
                    Http.send(Http.get(coolify.baseUrl(), "/applications").header("Authorization", "Bearer sandbox"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"cool-web\"");

            // Reachable on a non-loopback address of this machine too: that is what other containers use.
            Optional<InetAddress> external = nonLoopbackAddress();
            assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
            assertThat(accepts(external.get(), coolify.port())).isTrue();
        }
    }

    @Test
    void theEmbeddedDefaultStaysOnLoopback() {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(SandboxFixture.STEP))) {
            SimulatedProvider mist = sandbox.provider("mist");
            assertThat(mist.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(accepts(InetAddress.getLoopbackAddress(), mist.port())).isTrue();
            assertThat(accepts(external.get(), mist.port())).isFalse();
        }
    }

    @Test
    void aSpecificBindAddressIsTheBaseUrlsHost() {
        try (Sandbox sandbox = SandboxMain.start(new String[] {"--free-ports", "--bind=127.0.0.1", "--step=50"}, out)) {
            URI base = sandbox.provider("zectre").baseUrl();
            assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
            assertThat(Http.send(Http.get(base, "/apps?page=1&page_size=100").header("X-API-Key", "sandbox"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void rejectsAnUnknownArgument() {
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--port=1"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port=1");
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(SandboxMainTest::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
