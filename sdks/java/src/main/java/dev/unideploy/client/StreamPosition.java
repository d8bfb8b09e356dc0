package dev.unideploy.client;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Where one {@link Deployments#follow} subscription is in the stream: the last event id (sent as {@code
 * Last-Event-ID} on reconnection, so the gateway resumes after it) and the reconnections tried since the last log
 * line, which bound how long a stream that keeps failing is retried.
 */
final class StreamPosition {

    /** Failed reconnections in a row, without a log line or the end between them, before giving up. */
    static final int RECONNECTIONS = 5;

    private volatile @Nullable String lastEventId;
    private volatile int failures;

    StreamPosition(@Nullable String lastEventId) {
        this.lastEventId = lastEventId;
    }

    @Nullable
    String lastEventId() {
        return lastEventId;
    }

    void passed(DeploymentEvent event) {
        if (!event.id().isEmpty()) {
            lastEventId = event.id();
        }
        if (event instanceof DeploymentEvent.Log || event instanceof DeploymentEvent.End) {
            failures = 0;
        }
    }

    boolean mayRetry() {
        return ++failures <= RECONNECTIONS;
    }

    /** A drop, a network failure, a 5xx or 429: worth another connection. A 4xx refusal is not. */
    static boolean reconnectable(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.status() >= 500 || problem.status() == 429;
        }
        return failure instanceof DroppedException
                || failure instanceof WebClientRequestException
                || failure instanceof IOException
                || failure.getCause() instanceof IOException;
    }

    /** The stream closed before its {@code end} event. */
    static final class DroppedException extends IOException {
        DroppedException() {
            super("the event stream closed before its end event");
        }
    }
}
