package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.spi.Lifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Event streams that join a running watch take the short road ({@code LiveStreams}, right after the HTTP codec): the
 * same bytes as the full road, resume by {@code Last-Event-ID}, the connection kept alive after the end, and every
 * refusal answered by the full road. Raw sockets, so the bytes on the wire are what is compared.
 */
class LiveStreamsTest extends FakeGatewayTest {

    @Autowired
    MeterRegistry meters;

    private double joined() {
        return meters.get("unideploy.events.streams.joined").gauge().value();
    }

    @Test
    @DisplayName("a stream joining a running watch takes the short road: the same head and events, byte for byte, and"
            + " its connection serves the next request after the end")
    void joinedStreamIsTheSame() throws IOException {
        a.add("app-a", "l1", Lifecycle.inProgress("running", null), Instant.now());
        try (Raw full = Raw.open(port, "/v1/deployments/fake-a:l1/events", WRITER_KEY, null);
                Raw joining = new Raw(port)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> full.text().contains("id:2\nevent:log"));
            assertThat(joined())
                    .as("the first stream started the watch on the full road")
                    .isZero();

            joining.send("/v1/deployments/fake-a:l1/events", READER_KEY, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> joining.text().contains("id:2\nevent:log"));
            assertThat(joined()).isEqualTo(1);
            a.set("l1", Lifecycle.succeeded("finished"));
            await().atMost(Duration.ofSeconds(20)).until(() -> full.ended() && joining.ended());

            assertThat(joining.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(joining.header("content-type")).isEqualTo(full.header("content-type"));
            assertThat(joining.header("content-type")).isEqualTo("text/event-stream;charset=UTF-8");
            assertThat(joining.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(joining.header("x-request-id")).isNotBlank();
            assertThat(joining.events()).isEqualTo(full.events()).contains("event:end");
            assertThat(joining.events()).startsWith("id:0\nevent:status\n");
            assertThat(joined()).isZero();

            // keep-alive: the same connection answers the next request, on the full road
            joining.reset();
            joining.send("/v1/deployments/fake-a:l1", READER_KEY, null);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(joining.text()).contains("\"id\":\"fake-a:l1\""));
            assertThat(joining.status()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    @DisplayName("Last-Event-ID on the short road resumes after the lines already received")
    void resumesOnTheShortRoad() throws IOException {
        a.add("app-a", "l2", Lifecycle.inProgress("running", null), Instant.now());
        try (Raw full = Raw.open(port, "/v1/deployments/fake-a:l2/events", WRITER_KEY, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> full.text().contains("id:2\nevent:log"));
            try (Raw resumed = Raw.open(port, "/v1/deployments/fake-a:l2/events", WRITER_KEY, "1")) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> resumed.text().contains("event:log"));
                assertThat(joined()).isEqualTo(1);
                a.set("l2", Lifecycle.failed("broken"));
                await().atMost(Duration.ofSeconds(20)).until(resumed::ended);
                assertThat(resumed.events())
                        .startsWith("id:1\nevent:status\n")
                        .contains("id:2\nevent:log\n")
                        .doesNotContain("id:1\nevent:log")
                        .contains("id:2\nevent:end\n")
                        .contains("\"status\":\"failed\"");
            }
        }
    }

    @Test
    @DisplayName("a client the connection is not open to is refused by the full road (403 problem), even while a"
            + " watch runs; an unknown deployment is a 404 problem")
    void refusalsTakeTheFullRoad() throws IOException {
        b.add("app-b", "h1", Lifecycle.inProgress("running", null), Instant.now());
        try (Raw full = Raw.open(port, "/v1/deployments/fake-b:h1/events", WRITER_KEY, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> full.text().contains("event:status"));
            // the reader key may only use fake-a
            try (Raw refused = Raw.open(port, "/v1/deployments/fake-b:h1/events", READER_KEY, null)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> refused.text().contains("\"code\""));
                assertThat(refused.status()).isEqualTo("HTTP/1.1 403 Forbidden");
                assertThat(refused.header("content-type")).startsWith("application/problem+json");
                assertThat(refused.text()).contains("\"code\":\"forbidden\"");
            }
            assertThat(joined()).isZero();
        }
        try (Raw unknown = Raw.open(port, "/v1/deployments/fake-a:none/events", WRITER_KEY, null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> unknown.text().contains("\"code\""));
            assertThat(unknown.status()).isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(unknown.text()).contains("\"code\":\"not_found\"");
        }
    }

    /** One raw HTTP/1.1 connection; everything it receives, read in the background. */
    static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final Thread reader;

        Raw(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            InputStream in = socket.getInputStream();
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Raw open(int port, String path, String key, @Nullable String lastEventId) throws IOException {
            Raw raw = new Raw(port);
            raw.send(path, key, lastEventId);
            return raw;
        }

        void send(String path, String key, @Nullable String lastEventId) throws IOException {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nAccept: text/event-stream, application/json\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void reset() {
            synchronized (received) {
                received.reset();
            }
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        String status() {
            String text = text();
            return text.substring(0, text.indexOf("\r\n"));
        }

        @Nullable
        String header(String name) {
            String head = text().substring(0, text().indexOf("\r\n\r\n"));
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** The chunked body's last chunk has arrived. */
        boolean ended() {
            return text().endsWith("\r\n0\r\n\r\n");
        }

        /** The body, de-chunked, without heartbeat comments (their timing is each stream's own). */
        String events() {
            String text = text();
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                byte[] chunk = body.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
                String data = new String(chunk, 0, size, StandardCharsets.UTF_8);
                out.append(data);
                at = lineEnd + 2 + data.length() + 2;
            }
            return out.toString().replace(":heartbeat\n\n", "");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
