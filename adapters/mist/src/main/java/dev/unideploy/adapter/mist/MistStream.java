package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ResponseLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Mist's deployment WebSocket as a {@link Flux} of whole text frames. The server closes it ~1 s after
 * {@code success}/{@code failed} but never after {@code stopped}: subscribers cancel, and cancelling closes it.
 */
final class MistStream {

    private MistStream() {}

    static Flux<String> texts(ProviderConnection connection, URI wsUri, URI httpUri) {
        return Flux.create(sink -> {
            WebSocket.Builder builder = connection.httpClient().newWebSocketBuilder();
            // The gateway's decorator works on HTTP requests: copy its headers and timeout onto the upgrade.
            HttpRequest decorated =
                    connection.decorate(HttpRequest.newBuilder(httpUri)).build();
            decorated.timeout().ifPresent(builder::connectTimeout);
            decorated
                    .headers()
                    .map()
                    .forEach((name, values) -> values.forEach(value -> {
                        try {
                            builder.header(name, value);
                        } catch (IllegalArgumentException restricted) {
                            // e.g. Connection or Sec-WebSocket-*: the client sets those itself
                        }
                    }));
            CompletableFuture<WebSocket> socket = builder.buildAsync(
                    wsUri, new Listener(sink, connection.limits().maxLineBytes()));
            socket.whenComplete((ws, error) -> {
                if (error != null) {
                    sink.error(ProviderHttp.toProviderException(error));
                }
            });
            sink.onDispose(() -> socket.thenAccept(MistStream::close));
        });
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
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final int maxFrame;

        Listener(FluxSink<String> sink, int maxFrame) {
            this.sink = sink;
            this.maxFrame = maxFrame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (partial.length() > maxFrame) { // a message that never ends must not fill the memory
                partial.setLength(0);
                ws.abort();
                onError(ws, ResponseLimits.tooLarge(maxFrame, null));
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                sink.next(text);
            }
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
