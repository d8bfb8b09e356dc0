package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Provider bodies are read within their limits: a provider cannot make the gateway hold more than it allows. */
class ProviderHttpTest {

    static final ResponseLimits LIMITS = new ResponseLimits(64 * 1024, 1024);
    static HttpServer server;
    static final AtomicLong endlessBytesSent = new AtomicLong();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/small", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            // announces 300 MB: refused by its Content-Length, before a byte is read
            exchange.sendResponseHeaders(200, 300L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[1024]);
            } catch (IOException closedByClient) {
                // expected
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, never ends
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    endlessBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException closedByClient) {
                // expected: the client hung up
            }
        });
        server.createContext("/lines", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: one\r\ndata: two\r\rdata: three\n".getBytes(StandardCharsets.UTF_8));
                out.write(("data: " + "x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedByClient) {
                // expected
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ProviderHttp http() {
        ProviderConnection connection = new ProviderConnection(
                "test",
                "test",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                java.util.Map.of(),
                HttpClient.newHttpClient(),
                builder -> builder,
                LIMITS);
        return new ProviderHttp(connection, response -> "failed");
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    @DisplayName("a body within the limit is read whole")
    void small() {
        assertThat(http().send(get("/small")).block().body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    @DisplayName("a body announced over the limit is refused as 'response too large' without reading it")
    void announcedTooLarge() {
        assertThatThrownBy(() -> http().send(get("/huge")).block())
                .isInstanceOf(ProviderException.BadResponse.class)
                .hasMessageContaining("response too large");
    }

    @Test
    @DisplayName("an endless chunked body fails once past the limit, and the connection is dropped")
    void endless() {
        assertThatThrownBy(() -> http().send(get("/endless")).block())
                .isInstanceOf(ProviderException.BadResponse.class)
                .hasMessageContaining("response too large")
                .satisfies(error ->
                        assertThat(((ProviderException) error).upstreamStatus()).contains(200));
        long sent = endlessBytesSent.get();
        // the server could write at most what the socket buffers held after the client stopped reading
        assertThat(sent).isLessThan(64L * 1024 * 1024);
    }

    @Test
    @DisplayName("stream lines end at LF, CR or CRLF, and a line over the limit fails the stream")
    void lines() throws Exception {
        var response = HttpClient.newHttpClient().send(get("/lines"), ProviderHttp.boundedLines(LIMITS));
        try (Stream<String> lines = response.body()) {
            var iterator = lines.iterator();
            List<String> first = List.of(iterator.next(), iterator.next(), iterator.next(), iterator.next());
            assertThat(first).containsExactly("data: one", "data: two", "", "data: three");
            assertThatThrownBy(iterator::next)
                    .isInstanceOf(ProviderException.BadResponse.class)
                    .hasMessageContaining("response too large");
        }
    }

    @Test
    @DisplayName("transport failures are described in words, never by an internal class name")
    void noClassNames() {
        ProviderException refused = ProviderHttp.toProviderException(
                new java.util.concurrent.CompletionException(new java.net.ConnectException("refused")));
        ProviderException broken = ProviderHttp.toProviderException(new IOException("reset"));
        ProviderException odd = ProviderHttp.toProviderException(new IllegalStateException("x"));
        for (ProviderException failure : List.of(refused, broken, odd)) {
            assertThat(failure.getMessage()).doesNotContainPattern("[A-Z][a-z]+(Exception|Error)");
        }
        assertThat(refused).isInstanceOf(ProviderException.Unavailable.class);
        assertThat(odd).isInstanceOf(ProviderException.BadResponse.class);
    }
}
