package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.WebSocketFlux;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Flux;

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

    private MistStream() {}

    static Flux<String> texts(ProviderConnection connection, URI wsUri, URI httpUri, Duration idle) {
        return WebSocketFlux.texts(
                connection,
                wsUri,
                httpUri,
                WebSocketFlux.Config.of("Mist").wholeMessages().idle(idle));
    }
}
