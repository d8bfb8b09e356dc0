package dev.unideploy.sandbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * Mist's {@code /api/deployments/logs/stream?id=} ({@code logsHandler.go}): JSON frames {@code {type:"status"|"log",
 * timestamp, data}}, log lines decoded by {@link MistLogWatcher} and keeping Docker's trailing {@code \n}. No auth.
 *
 * <p>How it ends, as gorilla/websocket v1.5.3 makes it: Mist never sends a close frame — {@code conn.Close()} drops
 * the TCP connection (a client sees 1006) about a second after {@code success}/{@code failed}, never after {@code
 * stopped}. And it pings every 30 s with the write deadline of the last frame (10 s): a ping more than 10 s after the
 * last frame fails and drops the connection the same way. So any quiet stretch longer than ~30 s loses the stream.
 */
public final class MistLogSocket extends LogSocket {

    /** How the stream's timers scale; Mist's own are 30 s, 10 s and 1 s. */
    record Timings(Duration pingEvery, Duration writeDeadline, Duration closeDelay) {

        static final Timings MIST = new Timings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1));

        /** Mist's timings scaled to the sandbox step (the default step of 1.5 s gives Mist's own), at least 1 s. */
        static Timings scaledTo(Duration step) {
            Duration ping = step.multipliedBy(20);
            return of(ping.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : ping);
        }

        static Timings of(Duration pingEvery) {
            return new Timings(pingEvery, pingEvery.dividedBy(3), pingEvery.dividedBy(30));
        }
    }

    private final Supplier<@Nullable MistDeployment> deployment;
    private final Timings timings;
    private final Deque<String> pending = new ArrayDeque<>();
    private volatile Instant lastFrame = Instant.now();
    private @Nullable String lastStatus;
    private int sentLines;
    private boolean closing;

    MistLogSocket(Duration step, Timings timings, Supplier<@Nullable MistDeployment> deployment) {
        super(step);
        this.timings = timings;
        this.deployment = deployment;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        lastFrame = Instant.now();
        super.onWebSocketOpen(opened);
        pingLater(opened);
    }

    /** The ping ticker: a ping after more than the write deadline of quiet fails, and the connection is dropped. */
    private void pingLater(Session opened) {
        StreamClock.after(timings.pingEvery(), () -> {
            if (!opened.isOpen()) {
                return;
            }
            if (Duration.between(lastFrame, Instant.now()).compareTo(timings.writeDeadline()) > 0) {
                opened.disconnect();
                return;
            }
            opened.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            pingLater(opened);
        });
    }

    @Override
    @Nullable
    String next() {
        if (pending.isEmpty()) {
            refill();
        }
        String frame = pending.poll();
        if (frame != null) {
            lastFrame = Instant.now();
        }
        return frame;
    }

    @Override
    boolean keepPolling() {
        MistDeployment current = deployment.get();
        if (current == null) {
            if (session != null) {
                session.disconnect();
            }
            return false;
        }
        boolean ends = current.status().equals("success") || current.status().equals("failed");
        if (ends && !closing && current.status().equals(lastStatus)) {
            closing = true;
            Session open = session;
            if (open != null) {
                StreamClock.after(timings.closeDelay(), open::disconnect);
            }
        }
        return !closing;
    }

    private void refill() {
        MistDeployment current = deployment.get();
        if (current == null) {
            return;
        }
        List<MistDeployment.RawLine> lines = current.lines();
        for (MistDeployment.RawLine raw : lines.subList(Math.min(sentLines, lines.size()), lines.size())) {
            // WatcherLogs reads whole lines only (a last line without \n is never sent), strips \n and \r, skips
            // empty ones and what parseDockerLog drops.
            if (!raw.text().endsWith("\n")) {
                continue;
            }
            String line = raw.text().replaceAll("\r?\n$", "");
            String text = line.isEmpty() ? null : MistLogWatcher.parse(line);
            if (text == null || text.isEmpty()) {
                continue;
            }
            String stamp = Json.iso(Instant.now());
            pending.add(Json.write(Json.obj(
                    "type",
                    "log",
                    "timestamp",
                    stamp,
                    "data",
                    Json.obj("line", text, "stream", MistLogWatcher.streamOf(text), "timestamp", stamp))));
        }
        sentLines = Math.max(sentLines, lines.size());
        if (!current.status().equals(lastStatus)) {
            lastStatus = current.status();
            pending.add(Json.write(Json.obj(
                    "type",
                    "status",
                    "timestamp",
                    Json.iso(Instant.now()),
                    "data",
                    Json.obj(
                            "deployment_id",
                            current.id(),
                            "status",
                            current.status(),
                            "stage",
                            current.stage(),
                            "progress",
                            current.progress(),
                            "message",
                            message(current.stage()),
                            "error_message",
                            current.errorMessage()))));
        }
    }

    /** {@code utils.GetStageMessage}. */
    private static String message(String stage) {
        return switch (stage) {
            case "pending" -> "Deployment queued";
            case "cloning" -> "Cloning repository";
            case "building" -> "Building image";
            case "deploying" -> "Deploying container";
            case "success" -> "Deployment successful";
            case "failed" -> "Deployment failed";
            default -> "Deployment stopped";
        };
    }
}
