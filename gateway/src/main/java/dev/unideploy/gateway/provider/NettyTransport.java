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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's transport to a provider: Reactor Netty on the server's own event loops, so a provider's answer is
 * read, normalised and written back on the thread that took the request. The JDK client it replaces for plain calls
 * handed every answer to its executor and then to the common pool — three threads per request (JFR: a sixth of the
 * gateway's CPU under load on two cores was on the common pool).
 *
 * <p>Each connection has its own pool. Idle connections are dropped after 4 s, before a Node server (Dokploy's
 * Next.js) closes them at its default 5 s keep-alive and a request sent on one would fail.
 */
final class NettyTransport implements ProviderTransport {

    private final ConnectionProvider pool;
    private final HttpClient client;

    NettyTransport(String connectionId, Duration connectTimeout) {
        this.pool = ConnectionProvider.builder("provider-" + connectionId)
                .maxConnections(1024)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(4))
                .maxLifeTime(Duration.ofMinutes(5))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        this.client =
                HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
    }

    @Override
    public Mono<HttpResponse<String>> send(HttpRequest request, ResponseLimits limits) {
        return client.request(HttpMethod.valueOf(request.method()))
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
                        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
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
                .onErrorMap(
                        NettyTransport::timeout,
                        error -> new ProviderException.Timeout("provider did not answer in time", error));
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
