package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ResponseLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Dokploy's {@code /listen-deployment} WebSocket as a {@link Flux} of log lines. Frames are raw chunks of
 * {@code tail -f}, not line-aligned; the server never closes the socket, so cancelling the Flux closes it.
 */
final class DokployStream {

    private DokployStream() {}

    static Flux<String> lines(ProviderConnection connection, URI wsUri, URI httpUri, Map<String, String> auth) {
        return Flux.defer(() -> {
            StringBuilder partial = new StringBuilder();
            // blank lines are lines too: the same ones readLogs counts
            return chunks(connection, wsUri, httpUri, auth).concatMapIterable(chunk -> {
                partial.append(chunk);
                List<String> lines = DokployLogText.completeLines(partial);
                if (partial.length() > connection.limits().maxLineBytes()) {
                    // a provider that never ends a line must not fill the memory
                    throw ResponseLimits.tooLarge(connection.limits().maxLineBytes(), null);
                }
                return lines;
            });
        });
    }

    private static Flux<String> chunks(
            ProviderConnection connection, URI wsUri, URI httpUri, Map<String, String> auth) {
        return Flux.create(sink -> {
            WebSocket.Builder builder = connection.httpClient().newWebSocketBuilder();
            // The gateway's decorator works on HTTP requests: copy its headers and timeout onto the upgrade.
            HttpRequest decorated =
                    connection.decorate(HttpRequest.newBuilder(httpUri)).build();
            decorated.timeout().ifPresent(builder::connectTimeout);
            decorated.headers().map().forEach((name, values) -> values.forEach(value -> header(builder, name, value)));
            auth.forEach((name, value) -> header(builder, name, value));
            CompletableFuture<WebSocket> socket = builder.buildAsync(wsUri, new Listener(sink));
            socket.whenComplete((ws, error) -> {
                if (error != null) {
                    sink.error(ProviderHttp.toProviderException(error));
                }
            });
            sink.onDispose(() -> socket.thenAccept(DokployStream::close));
        });
    }

    private static void header(WebSocket.Builder builder, String name, String value) {
        try {
            builder.header(name, value);
        } catch (IllegalArgumentException restricted) {
            // e.g. Connection or Sec-WebSocket-*: the client sets those itself
        }
    }

    private static void close(WebSocket ws) {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").whenComplete((done, error) -> ws.abort());
        } else {
            ws.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final FluxSink<String> sink;
        private final AtomicBoolean finished = new AtomicBoolean();

        Listener(FluxSink<String> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            sink.next(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (finished.compareAndSet(false, true)) {
                sink.complete();
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (finished.compareAndSet(false, true)) {
                sink.error(ProviderHttp.toProviderException(error));
            }
        }
    }
}
