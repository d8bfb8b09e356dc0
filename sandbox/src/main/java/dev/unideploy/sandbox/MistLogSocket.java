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
 * Mist's {@code /api/deployments/logs/stream?id=}: JSON frames {@code {type:"status"|"log", timestamp, data}};
 * the server closes about a second after {@code success} or {@code failed}, but keeps the socket open after
 * {@code stopped}. No auth on this endpoint.
 */
public final class MistLogSocket extends LogSocket {

    private final Supplier<@Nullable MistDeployment> deployment;
    private final Deque<String> pending = new ArrayDeque<>();
    private @Nullable String lastStatus;
    private int sentLines;
    private boolean closing;

    MistLogSocket(Duration step, Supplier<@Nullable MistDeployment> deployment) {
        super(step);
        this.deployment = deployment;
    }

    /** Starts streaming; like Mist's handler, pings every 30 s while the socket is open. */
    @Override
    public void onWebSocketOpen(Session opened) {
        super.onWebSocketOpen(opened);
        pingLater(opened);
    }

    private static void pingLater(Session opened) {
        StreamClock.after(Duration.ofSeconds(30), () -> {
            if (opened.isOpen()) {
                opened.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
                pingLater(opened);
            }
        });
    }

    @Override
    @Nullable
    String next() {
        if (pending.isEmpty()) {
            refill();
        }
        return pending.poll();
    }

    @Override
    boolean keepPolling() {
        MistDeployment current = deployment.get();
        if (current == null && session != null) {
            session.close(1008, "deployment not found", Callback.NOOP);
            return false;
        }
        boolean ends = current != null
                && (current.status().equals("success") || current.status().equals("failed"));
        if (ends && !closing && lastStatus != null && lastStatus.equals(current.status())) {
            closing = true;
            closeAfter(Duration.ofSeconds(1));
        }
        return !closing;
    }

    private void refill() {
        MistDeployment current = deployment.get();
        if (current == null) {
            return;
        }
        List<ScriptLine> lines = current.lines();
        for (ScriptLine line : lines.subList(Math.min(sentLines, lines.size()), lines.size())) {
            String stamp = Json.iso(current.timeline().at(line.tick()));
            pending.add(Json.write(Json.obj(
                    "type",
                    "log",
                    "timestamp",
                    stamp,
                    "data",
                    Json.obj("line", line.text(), "stream", line.stderr() ? "stderr" : "stdout", "timestamp", stamp))));
        }
        sentLines = Math.max(sentLines, lines.size());
        if (!current.status().equals(lastStatus)) {
            lastStatus = current.status();
            pending.add(Json.write(Json.obj(
                    "type", "status",
                    "timestamp", Json.iso(Instant.now()),
                    "data",
                            Json.obj(
                                    "deployment_id", current.id(),
                                    "status", current.status(),
                                    "stage", current.stage(),
                                    "progress", current.progress(),
                                    "message", message(current.status()),
                                    "error_message", current.errorMessage()))));
        }
    }

    private static String message(String status) {
        return switch (status) {
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
