package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.provider.KeepAliveServer.Ending;
import dev.unideploy.gateway.provider.KeepAliveServer.OnReuse;
import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ProviderTransport;
import dev.unideploy.spi.ResponseLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.client.HttpClient;

/**
 * A pooled provider connection the provider's server closes while the gateway reuses it: a read is sent once more on
 * a new connection and succeeds; a write is never sent twice — it fails as the provider being unavailable, and the
 * server has seen it once at most. Asserted on what the server received and acted on, not only on the answer.
 */
class StaleConnectionTest {

    static final ResponseLimits LIMITS = new ResponseLimits(64 * 1024, 1024);
    static final Set<String> READS = Set.of("GET", "HEAD");

    /** One request over a connection the server ends as it is reused. */
    record Reuse(String method, OnReuse onReuse, Ending ending, int bodyBytes) {}

    static Stream<Case<Reuse>> reuses() {
        Stream<Case<Reuse>> everyMethod = Stream.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .flatMap(method -> Stream.of(OnReuse.DROP_UNREAD, OnReuse.ACT_THEN_DROP)
                        .flatMap(onReuse ->
                                Stream.of(Ending.values()).map(ending -> new Reuse(method, onReuse, ending, 0))))
                .map(reuse -> new Case<>("edge case", reuse));
        return Stream.concat(everyMethod, Seeded.cases(24, StaleConnectionTest::randomReuse));
    }

    static Reuse randomReuse(Random random) {
        String method = Seeded.oneOf(random, "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
        int body = READS.contains(method) ? 0 : Seeded.between(random, 0, 96 * 1024);
        return new Reuse(
                method,
                Seeded.oneOf(random, OnReuse.DROP_UNREAD, OnReuse.ACT_THEN_DROP),
                Seeded.oneOf(random, Ending.values()),
                body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reuses")
    void aReadIsSentOnceMoreAndAWriteNeverTwice(Case<Reuse> given) throws Exception {
        Reuse reuse = given.input();
        try (KeepAliveServer server = new KeepAliveServer(Duration.ZERO, reuse.onReuse(), reuse.ending())) {
            // the test goes on once the first connection is back in the pool, so the next request reuses it
            Semaphore released = new Semaphore(0);
            NettyTransport transport = transport(client -> client.observe((connection, state) -> {
                if (state == ConnectionObserver.State.RELEASED) {
                    released.release();
                }
            }));
            try {
                ProviderHttp http = http(transport);
                assertThat(http.exchange(request(server, reuse)).block().statusCode())
                        .isEqualTo(200);
                assertThat(released.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
                assertOneMoreSendOnlyForReads(reuse, server, http);
            } finally {
                transport.close().block(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Then the second request of the same kind goes out on the pooled connection, which the server ends: a read is
     * answered after one more send on a new connection; a write fails as unavailable, sent once.
     */
    private static void assertOneMoreSendOnlyForReads(Reuse reuse, KeepAliveServer server, ProviderHttp http) {
        String sent = reuse.method() + " /deploy";
        if (READS.contains(reuse.method())) {
            assertThat(http.exchange(request(server, reuse)).block().statusCode())
                    .isEqualTo(200);
            assertThat(server.received()).containsExactly(sent, sent, sent);
            assertThat(server.connections()).isEqualTo(2);
        } else {
            assertThatThrownBy(() -> http.exchange(request(server, reuse)).block())
                    .isInstanceOf(ProviderException.Unavailable.class);
            // the write reached the server once, and no second connection was opened to send it again
            assertThat(server.received()).containsExactly(sent, sent);
            assertThat(server.acted())
                    .hasSize(reuse.onReuse() == OnReuse.ACT_THEN_DROP ? 2 : 1)
                    .containsOnly(sent);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    /**
     * The JDK client (the gateway's for streams and WebSockets) keeps the same rule by itself: its {@code
     * MultiExchange} resends a request after a {@code ConnectionExpiredException} (a reused connection that ended
     * before the answer) only if {@code isIdempotentRequest} — GET or HEAD — unless {@code
     * jdk.httpclient.enableAllMethodRetry} is set, which the gateway never sets.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reuses")
    void theJdkClientResendsOnlyReadsToo(Case<Reuse> given) throws Exception {
        Reuse reuse = given.input();
        try (KeepAliveServer server = new KeepAliveServer(Duration.ZERO, reuse.onReuse(), reuse.ending())) {
            ProviderHttp http = http(ProviderTransport.jdk(java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()));
            assertThat(http.exchange(request(server, reuse)).block().statusCode())
                    .isEqualTo(200);
            assertOneMoreSendOnlyForReads(reuse, server, http);
        }
    }

    static Stream<String> methods() {
        return Stream.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aConnectionFoundClosedBeforeAnythingWasWrittenIsReplacedForEveryMethod(String method) throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(Duration.ZERO, OnReuse.ANSWER, Ending.CLOSE)) {
            // the first connection dies between leaving the pool and the request being written
            AtomicBoolean first = new AtomicBoolean(true);
            NettyTransport transport = transport(client -> client.doOnConnected(connection -> {
                if (first.getAndSet(false)) {
                    connection.channel().close();
                }
            }));
            try {
                HttpResponse<String> answer = http(transport)
                        .exchange(request(server, new Reuse(method, OnReuse.ANSWER, Ending.CLOSE, 10)))
                        .block();
                // nothing had left, so Reactor Netty sent it on another connection: the server saw it once
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(server.received()).containsExactly(method + " /deploy");
                assertThat(server.connections()).isEqualTo(2);
            } finally {
                transport.close().block(Duration.ofSeconds(5));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void anIdleGapLongerThanTheServersLimitCostsOnlyANewConnection(String method) throws Exception {
        Duration idle = Duration.ofMillis(200);
        try (KeepAliveServer server = new KeepAliveServer(idle, OnReuse.ANSWER, Ending.CLOSE)) {
            // the pool keeps connections 4 s, far longer than this server: only the server's close can retire one
            NettyTransport transport = transport(UnaryOperator.identity());
            try {
                ProviderHttp http = http(transport);
                Reuse reuse = new Reuse(method, OnReuse.ANSWER, Ending.CLOSE, 10);
                http.exchange(request(server, reuse)).block();
                await().atMost(Duration.ofSeconds(5)).until(() -> server.idleCloses() == 1);
                // the close travels to the client; an idle gap is real time
                Thread.sleep(idle.toMillis());
                assertThat(http.exchange(request(server, reuse)).block().statusCode())
                        .isEqualTo(200);
                assertThat(server.received()).containsExactly(method + " /deploy", method + " /deploy");
                assertThat(server.acted()).hasSize(2);
                assertThat(server.connections()).isEqualTo(2);
            } finally {
                transport.close().block(Duration.ofSeconds(5));
            }
        }
    }

    private static NettyTransport transport(UnaryOperator<HttpClient> tuning) {
        return new NettyTransport("stale", Duration.ofSeconds(2), NettyTransport.SHORTEST_IDLE, tuning);
    }

    private static HttpRequest request(KeepAliveServer server, Reuse reuse) {
        HttpRequest.BodyPublisher body = reuse.bodyBytes() == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(String.join("", Collections.nCopies(reuse.bodyBytes(), "x")));
        return HttpRequest.newBuilder(server.uri("/deploy"))
                .timeout(Duration.ofSeconds(10))
                .method(reuse.method(), body)
                .build();
    }

    private static ProviderHttp http(ProviderTransport transport) {
        ProviderConnection connection = new ProviderConnection(
                "stale",
                "test",
                URI.create("http://127.0.0.1"),
                Map.of(),
                java.net.http.HttpClient.newHttpClient(),
                builder -> builder,
                LIMITS,
                transport);
        return new ProviderHttp(connection, HttpResponse::body);
    }
}
