package dev.unideploy.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gateway started as a user starts it, with a mistake: it exits with one clear line and no stack trace. */
class StartupFailureTest {

    private static CompletableFuture<String> start(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.unideploy.gateway.UnideployApplication",
                    "--server.port=0"));
            command.addAll(List.of(args));
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
                assertThat(process.exitValue()).as(output).isNotZero();
                return output;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertOneClearLine(String output, String line) {
        assertThat(output).contains("APPLICATION FAILED TO START").contains(line);
        assertThat(output.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")))
                .as(output)
                .isEmpty();
    }

    @Test
    @DisplayName("an unknown provider type, a bad key hash and a taken simulator port each end the start in one line")
    void mistakes() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> type = start(
                    "--unideploy.providers.prod.type=coolfy", "--unideploy.providers.prod.base-url=https://c.example");
            CompletableFuture<String> hash =
                    start("--unideploy.clients.ci.key-sha256=my-raw-secret-key", "--unideploy.clients.ci.scopes=admin");
            CompletableFuture<String> port = start(
                    "--unideploy.sandbox.ports.coolify=" + taken.getLocalPort(),
                    "--unideploy.sandbox.ports.dokploy=0",
                    "--unideploy.sandbox.ports.zectre=0",
                    "--unideploy.sandbox.ports.dooor=0",
                    "--unideploy.sandbox.ports.mist=0");

            assertOneClearLine(
                    type.get(), "unideploy.providers.prod.type 'coolfy' is not a known provider type: use one of [");
            assertOneClearLine(hash.get(), "unideploy.clients.ci.key-sha256 is not a SHA-256 (64 hex digits)");
            assertThat(hash.get()).doesNotContain("my-raw-secret-key");
            CompletableFuture<String> oidc = start(
                    "--unideploy.oidc.dashboard.issuer=nobody",
                    "--unideploy.oidc.dashboard.client-id=unideploy",
                    "--unideploy.sandbox.ports.coolify=0",
                    "--unideploy.sandbox.ports.dokploy=0",
                    "--unideploy.sandbox.ports.zectre=0",
                    "--unideploy.sandbox.ports.dooor=0",
                    "--unideploy.sandbox.ports.mist=0");
            // the controllers of the API are made by their first request; the OIDC sign-in's check still runs at start
            assertThat(oidc.get())
                    .contains("unideploy.oidc.dashboard.issuer: no issuer 'nobody' under unideploy.oidc.issuers");
            assertOneClearLine(
                    port.get(),
                    "unideploy.sandbox.ports.coolify — port " + taken.getLocalPort()
                            + " (the coolify simulator) is already in use");
        }
    }
}
