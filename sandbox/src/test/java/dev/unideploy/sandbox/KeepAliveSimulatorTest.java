package dev.unideploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulators close idle keep-alive connections as their real servers do, seen on a raw socket: a connection
 * answers request after request while it is used, and ends (EOF) once it has been idle for the server's limit.
 */
class KeepAliveSimulatorTest {

    static final Duration IDLE = Duration.ofMillis(300);
    static DokploySimulator dokploy;

    @BeforeAll
    static void start() {
        dokploy = new DokploySimulator(Duration.ofMillis(50));
        dokploy.start(SandboxOptions.LOOPBACK, 0);
        dokploy.keepAlive(IDLE);
    }

    @AfterAll
    static void stop() {
        dokploy.server().stop();
    }

    @Test
    void eachSimulatorStartsWithItsRealServersIdleLimit() {
        Sandbox shared = SandboxFixture.sandbox();
        assertThat(((ProviderSimulator) shared.provider("dokploy")).keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(((ProviderSimulator) shared.provider("coolify")).keepAlive()).isEqualTo(Duration.ofSeconds(65));
        assertThat(((ProviderSimulator) shared.provider("mist")).keepAlive()).isZero();
        assertThat(((ProviderSimulator) shared.provider("zectre")).keepAlive()).isEqualTo(KeepAlive.JETTY_DEFAULT);
        assertThat(((ProviderSimulator) shared.provider("dooor")).keepAlive()).isEqualTo(KeepAlive.JETTY_DEFAULT);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheLimitAndAUsedOneIsKept() throws IOException {
        try (Socket socket = new Socket(SandboxOptions.LOOPBACK, dokploy.port())) {
            socket.setSoTimeout(5_000);
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
            // used again well within the limit: the same connection answers
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
            long idleSince = System.nanoTime();
            // then left idle: the server ends it (read sees EOF) once the limit has passed, not before
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            Duration idleFor = Duration.ofNanos(System.nanoTime() - idleSince);
            assertThat(idleFor).isGreaterThanOrEqualTo(IDLE.minusMillis(50)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anAnswerSlowerThanTheLimitStillArrives() throws IOException {
        // Node's keep-alive timer runs between requests only; a request being handled is never cut by it
        dokploy.server()
                .stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/deployment.queueList"))
                        .willReturn(WireMock.aResponse()
                                .withTransformers("unideploy-dokploy")
                                .withFixedDelay((int) IDLE.multipliedBy(3).toMillis())));
        try (Socket socket = new Socket(SandboxOptions.LOOPBACK, dokploy.port())) {
            socket.setSoTimeout(5_000);
            assertThat(exchange(socket, "/api/deployment.queueList")).startsWith("HTTP/1.1 200");
        } finally {
            dokploy.server().resetMappings();
        }
    }

    private static String exchange(Socket socket) throws IOException {
        return exchange(socket, "/api/project.all");
    }

    /** One keep-alive GET and its whole answer (status line, headers, a Content-Length or chunked body). */
    private static String exchange(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: sandbox\r\nx-api-key: sandbox\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = line(in);
        String status = head;
        long length = -1;
        boolean chunked = false;
        while (!(head = line(in)).isEmpty()) {
            String lower = head.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).trim(), 16)) > 0; line(in)) {
                in.readNBytes((int) size);
            }
            line(in);
        } else {
            in.readNBytes((int) Math.max(0, length));
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new SocketTimeoutException("connection ended mid-answer");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
