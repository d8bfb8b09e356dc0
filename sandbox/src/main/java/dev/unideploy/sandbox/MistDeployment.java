package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Mist deployment: {@code pending → cloning → building → deploying → success | failed}, or {@code stopped}.
 * {@code cloning} is written by the worker although the Go enum lacks it; progress runs 0/20/50/80/100.
 */
record MistDeployment(
        long id, SeededApp app, int number, String commitHash, boolean fails, Timeline timeline, boolean stopped) {

    private static final List<String> STAGES = List.of("pending", "cloning", "building", "deploying", "success");
    private static final List<Integer> PROGRESS = List.of(0, 20, 50, 80, 100);
    private static final int FAIL = 3;
    private static final int DONE = 4;

    long appId() {
        return Long.parseLong(app.id());
    }

    private int reached() {
        int tick = Math.min(timeline.tick(), DONE);
        return fails ? Math.min(tick, FAIL) : tick;
    }

    String status() {
        if (stopped) {
            return "stopped";
        }
        if (fails && timeline.tick() >= FAIL) {
            return "failed";
        }
        return STAGES.get(reached());
    }

    String stage() {
        return status();
    }

    int progress() {
        return fails && status().equals("failed") ? PROGRESS.get(FAIL - 1) : PROGRESS.get(Math.min(reached(), DONE));
    }

    boolean finished() {
        return switch (status()) {
            case "success", "failed", "stopped" -> true;
            default -> false;
        };
    }

    MistDeployment stop() {
        return new MistDeployment(id, app, number, commitHash, fails, timeline.frozen(), true);
    }

    @Nullable
    String errorMessage() {
        return status().equals("failed") ? "docker build failed: exit status 1" : null;
    }

    @Nullable
    Instant finishedAt() {
        if (stopped) {
            return timeline.frozenAt();
        }
        return finished() ? timeline.at(fails ? FAIL : DONE) : null;
    }

    Map<String, @Nullable Object> toJson(boolean active) {
        Instant started = timeline.tick() >= 1 || stopped ? timeline.at(1) : null;
        Instant finished = finishedAt();
        String image = "mist-app-" + app.id() + ":" + commitHash.substring(0, 7);
        return Json.obj(
                "id",
                id,
                "app_id",
                appId(),
                "deployment_number",
                number,
                "commit_hash",
                commitHash,
                "commit_message",
                "Update " + app.name(),
                "commit_author",
                "sandbox",
                "github_dep_id",
                null,
                "triggered_by",
                1,
                "container_id",
                status().equals("success") ? Json.randomHex(12) : null,
                "container_name",
                "mist-app-" + app.id(),
                "image_tag",
                image,
                "logs",
                null,
                "build_logs_path",
                "/var/lib/mist/logs/" + app.id() + "/" + id + "_build_logs",
                "status",
                status(),
                "stage",
                stage(),
                "progress",
                progress(),
                "error_message",
                errorMessage(),
                "created_at",
                Json.iso(timeline.start()),
                "started_at",
                Json.iso(started),
                "finished_at",
                Json.iso(finished),
                "duration",
                started != null && finished != null
                        ? Duration.between(started, finished).toSeconds()
                        : null,
                "is_active",
                active,
                "rolled_back_from",
                null);
    }

    /** Build log lines written so far. */
    List<ScriptLine> lines() {
        List<ScriptLine> script = new ArrayList<>(List.of(
                ScriptLine.out(1, "Cloning into '/var/lib/mist/repos/" + app.name() + "'..."),
                ScriptLine.out(1, "HEAD is now at " + commitHash.substring(0, 7) + " Update " + app.name()),
                ScriptLine.out(2, "Step 1/6 : FROM node:22-alpine"),
                ScriptLine.out(2, "Step 4/6 : RUN npm ci && npm run build")));
        if (fails) {
            script.add(ScriptLine.err(FAIL, "npm error code 1: build script failed"));
            script.add(ScriptLine.err(FAIL, "error: docker build failed: exit status 1"));
        } else {
            script.add(ScriptLine.out(
                    FAIL, "Successfully tagged mist-app-" + app.id() + ":" + commitHash.substring(0, 7)));
            script.add(ScriptLine.out(FAIL, "Starting container mist-app-" + app.id()));
            script.add(ScriptLine.out(DONE, "Container mist-app-" + app.id() + " is running"));
        }
        int tick = stopped ? Math.min(timeline.tick(), DONE - 1) : timeline.tick();
        return ScriptLine.upTo(script, tick);
    }

    String logText() {
        StringBuilder text = new StringBuilder();
        lines().forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }
}
