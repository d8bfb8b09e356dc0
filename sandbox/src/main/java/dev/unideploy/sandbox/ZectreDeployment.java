package dev.unideploy.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Zectre deployment: {@code pending}, then {@code running} while its tasks come up ({@code tasks_ready} of
 * {@code tasks_total}), then {@code succeeded} | {@code failed}; cancel freezes it as {@code cancelled}.
 */
record ZectreDeployment(
        String id,
        SeededApp app,
        int version,
        String sha,
        String environment,
        int replicas,
        @Nullable String image,
        boolean fails,
        Timeline timeline,
        boolean cancelled,
        Instant updatedAt) {

    private static final int LIVE = 3;
    private static final int DONE = 4;

    String status() {
        if (cancelled) {
            return "cancelled";
        }
        int tick = timeline.tick();
        if (tick == 0) {
            return "pending";
        }
        if (fails && tick >= LIVE) {
            return "failed";
        }
        return tick >= DONE ? "succeeded" : "running";
    }

    boolean terminal() {
        return switch (status()) {
            case "succeeded", "failed", "cancelled" -> true;
            default -> false;
        };
    }

    int tasksReady() {
        int tick = Math.min(timeline.tick(), DONE);
        if (cancelled || fails || tick <= 1) {
            return 0;
        }
        return tick == 2 ? (replicas + 1) / 2 : replicas;
    }

    int progress() {
        return switch (status()) {
            case "pending" -> 0;
            case "succeeded" -> 100;
            default -> replicas == 0 ? 50 : 10 + 80 * tasksReady() / replicas;
        };
    }

    ZectreDeployment cancel() {
        return new ZectreDeployment(
                id, app, version, sha, environment, replicas, image, fails, timeline.frozen(), true, Instant.now());
    }

    ZectreDeployment scale(int newReplicas) {
        return new ZectreDeployment(
                id, app, version, sha, environment, newReplicas, image, fails, timeline, cancelled, Instant.now());
    }

    Map<String, @Nullable Object> toJson() {
        Instant updated = terminal() && !cancelled ? timeline.at(fails ? LIVE : DONE) : updatedAt;
        return Json.obj(
                "id", id,
                "app_id", app.id(),
                "version", version,
                "sha", sha,
                "status", status(),
                "spec",
                        Json.obj(
                                "process_type",
                                image == null ? "tish" : "docker",
                                "image",
                                image,
                                "replicas",
                                replicas,
                                "resources",
                                Json.obj("cpu", 0.25, "memory", 256),
                                "networking",
                                Json.obj("port", 8080, "protocol", "http", "health_path", "/healthz"),
                                "cold_start_enabled",
                                true,
                                "idle_timeout_secs",
                                300),
                "tasks_ready", tasksReady(),
                "tasks_total", replicas,
                "progress", progress(),
                "environment_slug", environment,
                "preview_url", "https://" + app.name() + "-v" + version + "." + environment + ".zectre.localhost",
                "created_at", Json.iso(timeline.start()),
                "updated_at", Json.iso(updated.isAfter(updatedAt) ? updated : updatedAt));
    }

    /** The log entries written so far: {@code {timestamp, level, message, stream}}. */
    List<Map<String, @Nullable Object>> logs() {
        int tick = cancelled ? Math.min(timeline.tick(), DONE - 1) : timeline.tick();
        List<Map<String, @Nullable Object>> entries = new ArrayList<>();
        int order = 0;
        for (ScriptLine line : ScriptLine.upTo(script(), tick)) {
            entries.add(Json.obj(
                    "timestamp",
                    Json.iso(timeline.at(line.tick()).plusMillis(order++)),
                    "level",
                    line.stderr() ? "error" : "info",
                    "message",
                    line.text(),
                    "stream",
                    line.stderr() ? "stderr" : "stdout",
                    "deployment_id",
                    id));
        }
        if (cancelled) {
            entries.add(Json.obj(
                    "timestamp", Json.iso(timeline.frozenAt()),
                    "level", "warn",
                    "message", "Deployment cancelled",
                    "stream", "stdout",
                    "deployment_id", id));
        }
        return entries;
    }

    private List<ScriptLine> script() {
        List<ScriptLine> lines = new ArrayList<>(List.of(
                ScriptLine.out(0, "Deployment v" + version + " created for " + app.name() + " (" + environment + ")"),
                ScriptLine.out(1, "Scheduling " + replicas + " task(s) on node sandbox-1"),
                ScriptLine.out(1, "Pulling artifact " + app.name() + "@" + sha.substring(0, 7)),
                ScriptLine.out(2, "Task " + id.substring(0, 8) + "-0 starting")));
        if (fails) {
            lines.add(ScriptLine.err(
                    LIVE,
                    "Task " + id.substring(0, 8)
                            + "-0 exited with code 1: error: cannot find module 'dist/server.tish'"));
            lines.add(ScriptLine.err(LIVE, "Deployment failed: 0/" + replicas + " tasks healthy"));
        } else {
            lines.add(ScriptLine.out(LIVE, "Health check " + "/healthz passing"));
            lines.add(ScriptLine.out(DONE, "All " + replicas + " task(s) healthy"));
            lines.add(ScriptLine.out(DONE, "Deployment succeeded"));
        }
        return lines;
    }
}
