package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ResponseLimits;
import dev.unideploy.spi.WebSocketFlux;
import java.net.URI;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Dokploy's {@code /listen-deployment} WebSocket as a {@link Flux} of log lines. Frames are raw chunks of
 * {@code tail -f}, not line-aligned, so fragments are taken as they come and cut into lines here; the server never
 * closes the socket, so cancelling the Flux closes it.
 */
final class DokployStream {

    private DokployStream() {}

    static Flux<String> lines(ProviderConnection connection, URI wsUri, URI httpUri, Map<String, String> auth) {
        return Flux.defer(() -> {
            StringBuilder partial = new StringBuilder();
            // blank lines are lines too: the same ones readLogs counts
            return WebSocketFlux.texts(
                            connection,
                            wsUri,
                            httpUri,
                            WebSocketFlux.Config.of("Dokploy").headers(auth))
                    .concatMapIterable(chunk -> {
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
}
