package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Mist deployment: {@code pending → cloning → building → deploying → success | failed}, or {@code stopped}.
 * {@code cloning} is written by the worker although the Go enum lacks it; progress runs 0/20/50/80/100, and a
 * failure writes 0. {@code is_active} is never written (every row reads false) and {@code build_logs_path} is
 * never filled. {@code stopDep} checks nothing: it stops a finished deployment too.
 */
record MistDeployment(
        long id, SeededApp app, int number, String commitHash, boolean fails, Timeline timeline, boolean stopped) {

    /** One line of the build log file as Mist writes it; {@code text} ends with its own newline, if it has one. */
    record RawLine(int tick, String text) {}

    static final String STOPPED_LINE = "deployment was stopped by user\n";
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

    /** A failure writes progress 0 ({@code UpdateDeploymentStatus(…, "failed", "failed", 0, …)}). */
    int progress() {
        boolean failed = fails && timeline.tick() >= FAIL;
        return failed ? 0 : PROGRESS.get(reached());
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
        return switch (status()) {
            case "failed" -> "Deployment failed: build image failed: " + dockerError();
            case "stopped" -> "deployment stopped by user";
            default -> null;
        };
    }

    @Nullable
    Instant finishedAt() {
        if (stopped) {
            return timeline.frozenAt();
        }
        return finished() ? timeline.at(fails ? FAIL : DONE) : null;
    }

    Map<String, @Nullable Object> toJson() {
        Instant started = timeline.tick() >= 1 || stopped ? timeline.at(1) : null;
        Instant finished = finishedAt();
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
                "app-" + app.id(),
                "image_tag",
                "mist-app-" + app.id() + ":" + commitHash.substring(0, 7),
                "logs",
                null,
                "build_logs_path",
                null,
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
                false,
                "rolled_back_from",
                null);
    }

    private String dockerError() {
        return "The command '/bin/sh -c npm ci && npm run build' returned a non-zero code: 1";
    }

    /**
     * The build log file so far: the clone line, then Docker's build output copied verbatim (one JSON message per
     * line, {@code \r\n}-separated, {@code stream} texts keeping their {@code \n}), then what the worker appends.
     */
    List<RawLine> lines() {
        String image = "mist-app-" + app.id() + ":" + commitHash.substring(0, 7);
        List<RawLine> script = new ArrayList<>(List.of(
                new RawLine(1, "[GIT]: Cloning into /var/lib/mist/projects/1/apps/" + app.name() + "\n"),
                docker(2, "{\"stream\":\"Step 1/6 : FROM node:22-alpine\\n\"}"),
                docker(2, "{\"status\":\"Pulling from library/node\",\"id\":\"22-alpine\"}"),
                docker(
                        2,
                        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,\"total\":9},"
                                + "\"progress\":\"[=>   ]\",\"id\":\"6e771e15690e\"}"),
                docker(2, "{\"status\":\"Pull complete\",\"id\":\"6e771e15690e\"}"),
                docker(2, "{\"stream\":\" ---\\u003e 4f3c2b1a0d9e\\n\"}"),
                docker(2, "{\"stream\":\"\\n\"}"),
                docker(2, "{\"stream\":\"Step 4/6 : RUN npm ci \\u0026\\u0026 npm run build\\n\"}")));
        if (fails) {
            script.add(docker(FAIL, "{\"stream\":\"npm error Lifecycle script `build` failed with error:\\n\"}"));
            script.add(docker(
                    FAIL,
                    "{\"errorDetail\":{\"code\":1,\"message\":\"" + dockerError() + "\"},\"error\":\"" + dockerError()
                            + "\"}"));
            // fmt.Fprint, no newline: the live stream never sends this line, the finished log has it.
            script.add(new RawLine(FAIL, "error deploying docker: build image failed: " + dockerError()));
        } else {
            script.add(docker(FAIL, "{\"aux\":{\"ID\":\"sha256:4f3c2b1a0d9e\"}}"));
            script.add(docker(FAIL, "{\"stream\":\"Successfully built 4f3c2b1a0d9e\\n\"}"));
            script.add(docker(FAIL, "{\"stream\":\"Successfully tagged " + image + "\\n\"}"));
        }
        int tick = timeline.tick();
        List<RawLine> written = new ArrayList<>(
                script.stream().filter(line -> line.tick() <= tick).toList());
        if (stopped) {
            written.add(new RawLine(tick, STOPPED_LINE));
        }
        return written;
    }

    private static RawLine docker(int tick, String json) {
        return new RawLine(tick, json + "\r\n");
    }

    /** The file {@code GET /deployments/logs} reads. */
    String logText() {
        StringBuilder text = new StringBuilder();
        lines().forEach(line -> text.append(line.text()));
        return text.toString();
    }
}
