package dev.unideploy.gateway.provider;

import dev.unideploy.spi.ProviderAnswer;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderTransport;
import dev.unideploy.spi.ResponseLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's transport to a provider: Reactor Netty on the server's own event loops, so a provider's answer is
 * read, normalised and written back on the thread that took the request. The JDK client it replaces for plain calls
 * handed every answer to its executor and then to the common pool — three threads per request (JFR: a sixth of the
 * gateway's CPU under load on two cores was on the common pool).
 *
 * <p>Each connection has its own pool, whose idle connections are dropped before the provider's server would close
 * them ({@link #idleLimit}). A server may still close a pooled connection just as it is reused (the idle timer
 * firing as the request lands, a restart, a proxy in between); what is then sent again follows one rule: <b>a write
 * reaches the provider at most once</b>.
 *
 * <ul>
 *   <li>A request whose connection is found closed before anything of it was written is sent again, once, on a new
 *       connection, whatever its method: it provably never left. Reactor Netty does this itself when it sees the
 *       closed channel as it starts writing (reactor-netty-http 1.3.x {@code HttpClientConnect.HttpObserver
 *       #onUncaughtException}: an {@code AbortedException.isConnectionReset} error while {@code
 *       !ops.hasSentHeaders()}, then {@code HttpClientHandler#test} retries once); when the close is seen first,
 *       {@code HttpClientOperations#onInboundClose} marks the request sent as it fails it with the same {@code
 *       AbortedException} ("Connection has been closed BEFORE send operation"), which it does not retry: this
 *       transport does.
 *   <li>Once the request is written, Reactor Netty retries nothing: the connection ending before the answer is a
 *       {@code PrematureCloseException} ("Connection prematurely closed BEFORE response") or a reset. A GET or HEAD
 *       is then sent once more on a new connection (another pooled one may be just as stale); a read changes
 *       nothing, so sending it twice is safe (RFC 9110 §9.2.2).
 *   <li>A POST, PUT, PATCH or DELETE that may have left fails as the provider being unavailable: whether it was
 *       done is for the gateway's idempotency records to find out, never for a blind second send.
 * </ul>
 */
final class NettyTransport implements ProviderTransport {

    /** The default idle limit: under the shortest any provider's server keeps a connection (Dokploy's Node, 5 s). */
    static final Duration SHORTEST_IDLE = Duration.ofSeconds(4);

    private static final Set<String> SAFE = Set.of("GET", "HEAD");

    /** Reactor Netty's message for a connection found closed before the request was written. */
    private static final String BEFORE_SEND = AbortedException.beforeSend().getMessage();

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final HttpClient fresh;

    NettyTransport(String connectionId, Duration connectTimeout) {
        this(connectionId, connectTimeout, SHORTEST_IDLE, UnaryOperator.identity());
    }

    /**
     * @param maxIdle how long a pooled connection may stay unused before it is dropped: less than the provider's
     *     server keeps it ({@link #idleLimit})
     * @param tuning changes to the Reactor Netty client (tests use it to break connections on purpose)
     */
    NettyTransport(String connectionId, Duration connectTimeout, Duration maxIdle, UnaryOperator<HttpClient> tuning) {
        this.pool = ConnectionProvider.builder("provider-" + connectionId)
                .maxConnections(1024)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(maxIdle)
                .maxLifeTime(Duration.ofMinutes(5))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        // Reactor Netty's own retry stays on: it only sends again what never left (see the class comment)
        this.client = tuning.apply(
                HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis()));
        // a read's one resend goes on a connection of its own, closed after it
        this.fresh = tuning.apply(HttpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis()));
    }

    /**
     * How long a connection to a provider of {@code type} may idle in the pool: shorter than its server keeps an idle
     * keep-alive connection, so the pool drops it first and a request never goes out on one the server is closing.
     */
    static Duration idleLimit(String type) {
        return switch (type) {
            // Coolify's image serves its API with nginx, keepalive_timeout 65 (serversideup/php fpm-nginx
            // nginx.conf.template; coollabsio/coolify docker/production/etc/nginx/site-opts.d/http.conf keeps it);
            // its proxy in front (bootstrap/helpers/proxy.php: Traefik v3.6 with no respondingTimeouts, 180 s idle,
            // or Caddy, 5 min) keeps connections longer still.
            // Mist: server/api/main.go's http.Server sets no IdleTimeout nor ReadTimeout, so Go never closes an
            // idle connection; installs put Traefik v3.1 (traefik-static.yml: default 180 s) or nothing in front.
            case "coolify", "mist" -> Duration.ofSeconds(55);
            // Dokploy: apps/dokploy/server/server.ts, http.createServer without keepAliveTimeout on Node 24.4
            // (Dockerfile): Node's default 5 s (advertised Keep-Alive: timeout=5; the socket lives 1 s longer).
            // Dooor OS is NestJS (closed source): Node's 5 s unless it was changed. Zectre: no public source.
            default -> SHORTEST_IDLE;
        };
    }

    @Override
    public Mono<HttpResponse<String>> send(HttpRequest request, ResponseLimits limits) {
        boolean read = SAFE.contains(request.method());
        return Mono.defer(() -> exchange(client, request, limits))
                .onErrorResume(
                        error -> error instanceof Unanswered unanswered && (unanswered.neverSent || read),
                        again -> exchange(fresh, request, limits))
                .onErrorMap(
                        NettyTransport::timeout,
                        error -> new ProviderException.Timeout("provider did not answer in time", error));
    }

    /** One exchange on a connection of {@code through}; a failure before any answer is {@link Unanswered}. */
    private static Mono<HttpResponse<String>> exchange(HttpClient through, HttpRequest request, ResponseLimits limits) {
        AtomicBoolean answered = new AtomicBoolean();
        return through.request(HttpMethod.valueOf(request.method()))
                .uri(request.uri())
                .send((out, outbound) -> {
                    request.headers()
                            .map()
                            .forEach((name, values) -> out.requestHeaders().set(name, values));
                    request.timeout().ifPresent(out::responseTimeout);
                    long length = request.bodyPublisher()
                            .map(HttpRequest.BodyPublisher::contentLength)
                            .orElse(0L);
                    if (length == 0) {
                        if (!SAFE.contains(request.method())) {
                            out.requestHeaders().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                        }
                        return outbound;
                    }
                    if (length > 0) {
                        out.requestHeaders().set(HttpHeaderNames.CONTENT_LENGTH, length);
                    }
                    return outbound.send(JdkFlowAdapter.flowPublisherToFlux(
                                    request.bodyPublisher().orElseThrow())
                            .map(Unpooled::wrappedBuffer));
                })
                .response((response, body) -> {
                    answered.set(true);
                    long max = limits.maxBodyBytes();
                    int status = response.status().code();
                    String declared = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                    if (declared != null && parses(declared) > max) {
                        // refused unread: cancelling the body releases what already arrived and drops the
                        // connection (a body nobody subscribes to is never released: Netty reports a leak)
                        body.subscribe().dispose();
                        return Mono.error(ResponseLimits.tooLarge(max, status));
                    }
                    return body.asByteArray()
                            .collect(() -> new Bounded(max, status), Bounded::add)
                            .map(bytes -> ProviderAnswer.of(request, status, headers(response), bytes.toByteArray()));
                })
                .single()
                .<HttpResponse<String>>map(answer -> answer)
                .onErrorMap(error -> !answered.get() && endedConnection(error), Unanswered::new);
    }

    /**
     * The connection ended (closed or reset) before the answer began: a stale pooled one, most often. Reactor Netty
     * reports a connection found closed before anything was written as an {@link AbortedException}, and does not
     * always send the request again itself (not when the close was seen first: {@code
     * HttpClientOperations#onInboundClose} marks the request sent as it fails it).
     */
    private static boolean endedConnection(Throwable error) {
        return error instanceof AbortedException
                || error instanceof IOException
                        && !(error instanceof ConnectException)
                        && !(error instanceof ConnectTimeoutException);
    }

    /** Releases the pool's connections (the connection is closed). */
    Mono<Void> close() {
        return pool.disposeLater();
    }

    private static boolean timeout(Throwable error) {
        return error instanceof ReadTimeoutException || error instanceof ConnectTimeoutException;
    }

    private static long parses(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static Map<String, List<String>> headers(HttpClientResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.responseHeaders()
                .forEach(header -> headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>(1))
                        .add(header.getValue()));
        return headers;
    }

    /**
     * The connection ended before any answer: an I/O failure as before (the provider is unavailable), marked so a
     * read can be sent once more.
     */
    private static final class Unanswered extends IOException {
        /** Nothing of the request was written: it can be sent again whatever its method. */
        final boolean neverSent;

        Unanswered(Throwable cause) {
            super("the connection ended before the provider answered", cause);
            this.neverSent = cause instanceof AbortedException && BEFORE_SEND.equals(cause.getMessage());
        }
    }

    /** A body gathered up to {@code max} bytes; one more fails the answer as too large. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long max;
        private final int status;

        Bounded(long max, int status) {
            this.max = max;
            this.status = status;
        }

        void add(byte[] chunk) {
            if (size() + (long) chunk.length > max) {
                throw ResponseLimits.tooLarge(max, status);
            }
            writeBytes(chunk);
        }
    }
}
