package dev.unideploy.spi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A provider's WebSocket (the JDK client's) as a {@link Flux} of its text, the one bridge every adapter uses. Lazy:
 * each subscription opens one socket; cancelling the flux closes it; a close frame completes it; a transport failure
 * fails it as a {@link ProviderException}. The gateway's request decoration (headers, timeout) is copied onto the
 * upgrade. What differs between providers is said in a {@link Config}.
 */
public final class WebSocketFlux {

    /** Stands for a ping inside the bridge (pings say the socket lives); never emitted. */
    private static final String PING = "\u0000ping";

    /**
     * One provider's socket.
     *
     * @param provider the provider's name, as error messages say it
     * @param headers sent on the upgrade besides the gateway's (the provider's own authentication, say)
     * @param reassemble true: each message once its last fragment came, at most the connection's {@link
     *     ResponseLimits#maxLineBytes()} long (else the socket is aborted and the flux fails); false: each fragment as
     *     it comes (the adapter reassembles)
     * @param idle when set, a socket that carried neither a frame nor a ping for this long fails the flux as a
     *     {@link ProviderException.Timeout} (for providers that drop sockets without telling)
     */
    public record Config(
            String provider,
            Map<String, String> headers,
            boolean reassemble,
            @Nullable Duration idle) {

        public Config {
            headers = Map.copyOf(headers);
        }

        /** Fragments as they come, no headers of its own, no idle limit. */
        public static Config of(String provider) {
            return new Config(provider, Map.of(), false, null);
        }

        public Config headers(Map<String, String> value) {
            return new Config(provider, value, reassemble, idle);
        }

        public Config wholeMessages() {
            return new Config(provider, headers, true, idle);
        }

        public Config idle(Duration value) {
            return new Config(provider, headers, reassemble, value);
        }

        @Override
        public String toString() {
            // header values may be credentials: names only
            return "WebSocketFlux.Config[" + provider + ", headers=" + headers.keySet() + ", reassemble=" + reassemble
                    + ", idle=" + idle + "]";
        }
    }

    private WebSocketFlux() {}

    /**
     * @param wsUri the socket's {@code ws:}/{@code wss:} address
     * @param httpUri the same address as {@code http:}/{@code https:}, for the gateway's request decoration
     */
    public static Flux<String> texts(ProviderConnection connection, URI wsUri, URI httpUri, Config config) {
        int maxMessage = connection.limits().maxLineBytes();
        Flux<String> texts = Flux.create(sink -> {
            WebSocket.Builder builder = connection.httpClient().newWebSocketBuilder();
            HttpRequest decorated =
                    connection.decorate(HttpRequest.newBuilder(httpUri)).build();
            decorated.timeout().ifPresent(builder::connectTimeout);
            decorated.headers().map().forEach((name, values) -> values.forEach(value -> header(builder, name, value)));
            config.headers().forEach((name, value) -> header(builder, name, value));
            Listener listener = new Listener(sink, config.reassemble() ? maxMessage : -1);
            CompletableFuture<WebSocket> socket = builder.buildAsync(wsUri, listener);
            socket.whenComplete((ws, error) -> {
                if (error != null) {
                    sink.error(ProviderHttp.toProviderException(error));
                }
            });
            sink.onDispose(() -> socket.thenAccept(WebSocketFlux::close));
        });
        if (config.idle() != null) {
            texts = texts.timeout(config.idle())
                    .onErrorMap(
                            TimeoutException.class,
                            silent -> new ProviderException.Timeout(
                                    config.provider() + "'s live stream went silent", silent));
        }
        return texts.filter(text -> !PING.equals(text));
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
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean finished = new AtomicBoolean();
        /** The longest whole message; negative when fragments are emitted as they come. */
        private final int maxMessage;

        Listener(FluxSink<String> sink, int maxMessage) {
            this.sink = sink;
            this.maxMessage = maxMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (maxMessage < 0) {
                sink.next(data.toString());
                ws.request(1);
                return null;
            }
            partial.append(data);
            if (partial.length() > maxMessage) { // a message that never ends must not fill the memory
                partial.setLength(0);
                ws.abort();
                onError(ws, ResponseLimits.tooLarge(maxMessage, null));
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
