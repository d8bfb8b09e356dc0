package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * Dokploy's {@code /listen-deployment?logPath=}: raw text chunks of the log file as {@code tail -f} sees them,
 * no JSON, and the server never closes the socket when the deployment ends (clients poll the status and close).
 */
public final class DokployLogSocket extends LogSocket {

    private final Supplier<@Nullable String> log;
    private int sent;

    /** {@code log} reads the deployment's log text so far (null once the row was removed). */
    DokployLogSocket(Duration step, Supplier<@Nullable String> log) {
        super(step);
        this.log = log;
    }

    /** A missing or unknown {@code logPath} is refused with close code 4000, as Dokploy does. */
    @Override
    public void onWebSocketOpen(Session opened) {
        if (log.get() == null) {
            opened.close(4000, "Invalid log path", Callback.NOOP);
            return;
        }
        super.onWebSocketOpen(opened);
    }

    @Override
    @Nullable
    String next() {
        String text = log.get();
        if (text == null || text.length() <= sent) {
            return null;
        }
        String chunk = text.substring(sent);
        sent = text.length();
        return chunk;
    }
}
