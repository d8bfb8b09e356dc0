package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ResponseLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Mist's deployment WebSocket as a {@link Flux} of whole text frames. Mist never sends a close frame: it drops the
 * connection ~1 s after {@code success}/{@code failed}, never after {@code stopped}, and whenever a 30 s ping comes
 * more than 10 s after its last frame — so the flux may end, or fail, before the deployment does. Subscribers
 * cancel at the terminal status, and cancelling closes the socket.
 */
final class MistStream {

    /**
     * A socket that has carried neither a frame nor a ping for this long is dead (a healthy one pings every 30 s, or
     * is dropped by Mist itself): the flux fails then rather than wait forever on a half-open connection, or on a
     * drop the JDK client failed to report (seen when the connection goes while the client is still starting).
     */
    static final Duration IDLE = Duration.ofSeconds(45);

    private static final String PING = "\u0000ping";

    private MistStream() {}

    static Flux<String> texts(ProviderConnection connection, URI wsUri, URI httpUri, Duration idle) {
        return Flux.<String>create(sink -> {
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
                })
                .timeout(idle)
                .onErrorMap(
                        TimeoutException.class,
                        silent -> new ProviderException.Timeout("Mist's live stream went silent", silent))
                .filter(text -> !PING.equals(text));
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

        /** Pings say the socket lives (the JDK answers them itself). */
        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            sink.next(PING);
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
