package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Follows one deployment to its end: the gateway's event stream ({@code status}, {@code log}, {@code end}), resumed
 * with {@code Last-Event-ID} when it drops after making progress, and long-polling {@code waitFor=terminal} (with
 * the log read after each poll) when the stream cannot be used at all. Prints each log line once and, if asked, each
 * status change.
 */
final class Follower {

    /** Reconnections of a stream that dropped after progress, before falling back to polling. */
    private static final int RESUMES = 3;
    /** How long one poll waits for the end before the log is read again. */
    private static final int POLL_SECONDS = 5;

    private final Gateway gateway;
    private final Output output;
    private final boolean statusLines;

    private Deployment last;
    private @Nullable String lastEventId;
    private boolean progressed;
    /** Log lines printed so far, from the stream or the polled log: a provider's log only grows. */
    private int linesShown;

    private boolean logsReadable = true;

    Follower(Gateway gateway, Output output, boolean statusLines, Deployment start) {
        this.gateway = gateway;
        this.output = output;
        this.statusLines = statusLines;
        this.last = start;
    }

    /** The deployment when it became terminal, or as last seen when {@code timeout} passed. */
    Deployment follow(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (int attempt = 0; attempt <= RESUMES && !last.getTerminal(); attempt++) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return last;
            }
            progressed = false;
            try {
                gateway.events(last.getId(), lastEventId)
                        .takeUntil(event -> "end".equals(event.event()))
                        .take(left)
                        .doOnNext(this::handle)
                        .blockLast();
            } catch (WebClientResponseException.Unauthorized | WebClientResponseException.Forbidden denied) {
                throw denied; // polling would be refused alike
            } catch (RuntimeException streamFailed) {
                output.note("the event stream failed (" + streamFailed.getMessage() + ")");
            }
            if (!progressed) {
                break;
            }
        }
        if (!last.getTerminal() && Instant.now().isBefore(deadline)) {
            output.note("following " + last.getId() + " by polling: its status and log every " + POLL_SECONDS + " s");
            poll(deadline);
        }
        return last;
    }

    private void handle(ServerSentEvent<String> event) {
        String data = event.data();
        if (event.event() == null || data == null) {
            return; // a heartbeat
        }
        progressed = true;
        lastEventId = event.id() != null ? event.id() : lastEventId;
        switch (event.event()) {
            case "status", "end" -> changed(gateway.json().readValue(data, Deployment.class));
            case "log" -> {
                output.log(gateway.json().readValue(data, LogLine.class));
                linesShown++;
            }
            default -> {
                // an event type this CLI does not know yet: ignored, as SSE clients do
            }
        }
    }

    private void poll(Instant deadline) {
        while (!last.getTerminal()) {
            long left = Duration.between(Instant.now(), deadline).toSeconds();
            if (left < 1) {
                return;
            }
            changed(gateway.awaitTerminal(last.getId(), (int) Math.min(left, POLL_SECONDS)));
            showNewLines();
        }
    }

    /** The lines the log has beyond those printed; best effort (a failed read is retried on the next poll). */
    private void showNewLines() {
        if (!logsReadable) {
            return;
        }
        try {
            List<LogLine> lines = gateway.logs(last.getId(), null).getItems();
            for (int index = linesShown; index < lines.size(); index++) {
                output.log(lines.get(index));
            }
            linesShown = Math.max(linesShown, lines.size());
        } catch (WebClientResponseException.NotImplemented unsupported) {
            logsReadable = false;
            output.note("this provider serves no logs; following its status only");
        } catch (WebClientResponseException.Unauthorized | WebClientResponseException.Forbidden denied) {
            throw denied;
        } catch (RuntimeException failed) {
            output.note("reading the log failed (" + failed.getMessage() + "); trying again at the next poll");
        }
    }

    private void changed(Deployment now) {
        boolean same = now.getStatus() == last.getStatus()
                && Objects.equals(now.getPhase(), last.getPhase())
                && Objects.equals(now.getProgress(), last.getProgress());
        last = now;
        // The terminal state is left to the caller's outcome line: the gateway sends it before that snapshot's
        // last log lines, and printed here it would land above them.
        if (!same && statusLines && !now.getTerminal()) {
            output.status(now);
        }
    }
}
