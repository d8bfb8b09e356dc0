package dev.unideploy.cli;

import dev.unideploy.client.DeploymentEvent;
import dev.unideploy.client.ProblemException;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Follows one deployment to its end: the gateway's event stream through the SDK (typed events, resumed with {@code
 * Last-Event-ID} after a drop), and long-polling {@code waitFor=terminal} (with the log read after each poll) when the
 * stream cannot be used. Prints each log line once and, if asked, each status change.
 */
final class Follower {

    /** How long one poll waits for the end before the log is read again. */
    private static final int POLL_SECONDS = 5;

    private final Gateway gateway;
    private final Output output;
    private final boolean statusLines;

    private Deployment last;
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
        try {
            gateway.events(last.getId()).take(timeout).doOnNext(this::handle).blockLast();
        } catch (ProblemException refused) {
            if (refused.status() == 401 || refused.status() == 403 || refused.status() == 404) {
                throw refused; // polling would be refused alike
            }
            output.note("the event stream failed (" + refused.getMessage() + ")");
        } catch (RuntimeException streamFailed) {
            output.note("the event stream failed (" + streamFailed.getMessage() + ")");
        }
        if (!last.getTerminal() && Instant.now().isBefore(deadline)) {
            output.note("following " + last.getId() + " by polling: its status and log every " + POLL_SECONDS + " s");
            poll(deadline);
        }
        return last;
    }

    private void handle(DeploymentEvent event) {
        if (event instanceof DeploymentEvent.Status status) {
            changed(status.deployment());
        } else if (event instanceof DeploymentEvent.End end) {
            changed(end.deployment());
        } else if (event instanceof DeploymentEvent.Log log) {
            output.log(log.line());
            linesShown++;
        } else if (event instanceof DeploymentEvent.Error error) {
            output.note("the provider is in trouble, still following: "
                    + error.problem().getMessage());
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
        } catch (ProblemException failed) {
            if (failed.status() == 401 || failed.status() == 403) {
                throw failed;
            }
            if (failed.status() == 501) {
                logsReadable = false;
                output.note("this provider serves no logs; following its status only");
            } else {
                output.note("reading the log failed (" + failed.getMessage() + "); trying again at the next poll");
            }
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
