package dev.unideploy.sandbox;

import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * A server WebSocket that polls a deployment's lazy state and sends what is new, one frame at a time (the next
 * poll is scheduled only once the previous send completed). Public only because Jetty's WebSocket layer binds
 * endpoint methods through public lookups.
 */
public abstract class LogSocket implements Session.Listener.AutoDemanding {

    private final Duration step;
    protected @Nullable Session session;

    LogSocket(Duration step) {
        this.step = step;
    }

    /** The next frame to send, or null when there is nothing new yet. Called from one thread at a time. */
    abstract @Nullable String next();

    /** Called once after a poll found nothing new; return false to stop polling. */
    boolean keepPolling() {
        return true;
    }

    /** Starts polling. */
    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        opened.setIdleTimeout(Duration.ofMinutes(30));
        pump();
    }

    private void pump() {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        String frame = next();
        if (frame == null) {
            if (keepPolling()) {
                StreamClock.later(step, this::pump);
            }
            return;
        }
        current.sendText(frame, Callback.from(this::pump, failure -> current.close()));
    }

    /** Sends nothing more and closes normally after the delay. */
    void closeAfter(Duration delay) {
        Session current = session;
        if (current != null) {
            StreamClock.after(delay, () -> current.close(1000, "deployment finished", Callback.NOOP));
        }
    }
}
