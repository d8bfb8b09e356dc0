package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ProviderTransport;
import dev.unideploy.spi.ResponseLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The gateway's Reactor Netty transport behaves as the JDK client's did, case by case against one real HTTP server:
 * what the provider receives, what the adapter reads, and every failure the same {@link ProviderException}.
 */
class NettyTransportTest {

    static final ResponseLimits LIMITS = new ResponseLimits(64 * 1024, 1024);
    static HttpServer server;
    static final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    static NettyTransport netty;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/echo", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " length="
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " token="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " body="
                    + new String(in, StandardCharsets.UTF_8));
            byte[] body = "café".getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=ISO-8859-1");
            exchange.getResponseHeaders().add("X-Many", "one");
            exchange.getResponseHeaders().add("X-Many", "two");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"message\":\"no such deployment\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 300L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[1024]);
            } catch (IOException closedByClient) {
                // expected
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(new byte[8192]);
                }
            } catch (IOException closedByClient) {
                // expected: the client hung up
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException | IOException stopped) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        server.start();
        netty = new NettyTransport("test", Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        netty.close().block(Duration.ofSeconds(5));
    }

    static Stream<String> transports() {
        return Stream.of("jdk", "netty");
    }

    private static ProviderHttp http(String transport) {
        ProviderTransport chosen =
                "netty".equals(transport) ? netty : ProviderTransport.jdk(HttpClient.newHttpClient());
        ProviderConnection connection = new ProviderConnection(
                "test",
                "test",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Map.of(),
                HttpClient.newHttpClient(),
                builder -> builder,
                LIMITS,
                chosen);
        return new ProviderHttp(connection, response -> "failed: " + response.body());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void sendsMethodHeadersAndBodyAndReadsStatusHeadersAndCharset(String transport) {
        received.clear();
        HttpResponse<String> response = http(transport)
                .exchange(request("/echo?a=b%20c")
                        .header("Authorization", "Bearer t0")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
                        .build())
                .block();
        assertThat(received).containsExactly("POST /echo?a=b%20c length=7 token=Bearer t0 body={\"x\":1}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("café");
        assertThat(response.headers().allValues("x-many")).containsExactly("one", "two");
        assertThat(response.headers().firstValue("CONTENT-TYPE")).hasValue("text/plain; charset=ISO-8859-1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void emptyPostsAnnounceTheirEmptyBody(String transport) {
        received.clear();
        http(transport)
                .exchange(request("/echo")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .block();
        http(transport).exchange(request("/echo").GET().build()).block();
        // a bodiless POST announces its empty body (some servers answer 411 otherwise); a GET sends none
        assertThat(received).hasSize(2).first().isEqualTo("POST /echo length=0 token=null body=");
        assertThat(received).last().asString().matches("GET /echo length=(null|0) token=null body=");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aFailedStatusIsTheProvidersMessage(String transport) {
        assertThatThrownBy(
                        () -> http(transport).send(request("/missing").build()).block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("no such deployment");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void bodiesOverTheLimitAreRefused(String transport) {
        for (String path : List.of("/huge", "/endless")) {
            assertThatThrownBy(() -> http(transport).send(request(path).build()).block())
                    .isInstanceOf(ProviderException.BadResponse.class)
                    .hasMessageContaining("response too large")
                    .satisfies(error -> assertThat(((ProviderException) error).upstreamStatus())
                            .contains(200));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aSlowAnswerIsATimeout(String transport) {
        StepVerifier.create(http(transport)
                        .exchange(
                                request("/slow").timeout(Duration.ofMillis(300)).build()))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ProviderException.Timeout.class)
                        .hasMessage("provider did not answer in time"))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aRefusedConnectionIsUnavailable(String transport) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/x"))
                .timeout(Duration.ofSeconds(5))
                .build();
        assertThatThrownBy(() -> http(transport).exchange(request).block())
                .isInstanceOf(ProviderException.Unavailable.class)
                .hasMessage("provider unreachable: connection refused");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void eachSubscriptionSendsOnce(String transport) {
        received.clear();
        Mono<HttpResponse<String>> once =
                http(transport).exchange(request("/echo").GET().build());
        assertThat(received).isEmpty();
        once.block();
        once.block();
        assertThat(received).hasSize(2);
    }
}
