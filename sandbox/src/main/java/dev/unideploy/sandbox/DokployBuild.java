package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A job with its place in the schedule: waiting until {@code start}, then a {@code running} row for {@link #STEPS}
 * steps, then {@code done} or {@code error}. When the build ends Dokploy renames the row (in {@code
 * deployApplication}'s {@code finally}, whenever the clone worked): the title becomes the commit message, the
 * description {@code Commit: <sha>}. A rebuild clones nothing and keeps its title.
 */
record DokployBuild(DokployJob job, Instant start, Duration step) {

    static final int STEPS = 4;
    private static final DateTimeFormatter LOG_FILE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm:ss").withZone(ZoneOffset.UTC);

    Instant end() {
        return start.plus(step.multipliedBy(STEPS));
    }

    boolean waiting(Instant now) {
        return now.isBefore(start);
    }

    boolean active(Instant now) {
        return !waiting(now) && now.isBefore(end());
    }

    /** Whole steps since the build started (all of them at once with a zero step). */
    private int tick(Instant now) {
        if (step.isZero() || step.isNegative()) {
            return STEPS;
        }
        long elapsed = Math.max(0, Duration.between(start, now).toNanos());
        return (int) Math.min(elapsed / step.toNanos(), STEPS);
    }

    String status(Instant now) {
        if (active(now)) {
            return "running";
        }
        return job.fails() ? "error" : "done";
    }

    String logPath() {
        String app = job.app().appName();
        return "/etc/dokploy/logs/" + app + "/" + app + "-" + LOG_FILE_TIME.format(start) + "-"
                + job.deploymentId().substring(0, 6) + ".log";
    }

    /** The deployment row, as {@code deployment.all} lists it. No {@code pid}: Dokploy writes none for applications. */
    Map<String, @Nullable Object> toRow(Instant now) {
        boolean renamed = !active(now) && !job.redeploy();
        String status = status(now);
        return Json.obj(
                "deploymentId",
                job.deploymentId(),
                "title",
                renamed ? job.app().commitMessage() : job.title(),
                "description",
                renamed ? "Commit: " + job.app().commitSha() : job.description(),
                "status",
                status,
                "logPath",
                logPath(),
                "pid",
                null,
                "applicationId",
                job.app().applicationId(),
                "composeId",
                null,
                "serverId",
                null,
                "isPreviewDeployment",
                false,
                "previewDeploymentId",
                null,
                "createdAt",
                Json.iso(start),
                "startedAt",
                Json.iso(start),
                "finishedAt",
                active(now) ? null : Json.iso(end()),
                "errorMessage",
                null,
                "scheduleId",
                null,
                "backupId",
                null,
                "rollbackId",
                null,
                "volumeBackupId",
                null,
                "buildServerId",
                null);
    }

    /** The log file's text so far. */
    String log(Instant now) {
        int tick = tick(now);
        return ScriptLine.upTo(script(), tick).stream()
                .map(line -> line.text() + "\n")
                .collect(Collectors.joining());
    }

    private List<ScriptLine> script() {
        DokployApp app = job.app();
        String repo = "github.com/unideploy/" + app.name() + ".git";
        String code = "/etc/dokploy/applications/" + app.appName() + "/code";
        List<ScriptLine> lines = new ArrayList<>(List.of(
                ScriptLine.out(0, "Initializing deployment"),
                ScriptLine.out(1, "Cloning Repo " + repo + " to " + code + ": ✅"),
                ScriptLine.out(1, "Cloning into '" + code + "'..."),
                ScriptLine.out(2, "Cloned " + repo + ": ✅"),
                ScriptLine.out(2, "Build nixpacks: ✅"),
                ScriptLine.out(2, "╔═════════ Nixpacks v1.39.0 ═════════╗"),
                ScriptLine.out(3, "║ setup      │ nodejs_22, npm-9_x    ║"),
                ScriptLine.out(3, "#8 [stage-0 4/8] RUN npm ci")));
        if (job.fails()) {
            lines.add(ScriptLine.err(
                    STEPS,
                    "#10 ERROR: process \"/bin/bash -ol pipefail -c npm run build\" did not complete successfully:"
                            + " exit code: 1"));
            lines.add(ScriptLine.err(
                    STEPS, "Error: Command failed: nixpacks build " + code + " --name " + app.appName()));
            // deployApplication's catch: echo "\nError occurred ❌, check the logs for details." — a blank line first
            lines.add(ScriptLine.err(STEPS, ""));
            lines.add(ScriptLine.err(STEPS, "Error occurred ❌, check the logs for details."));
        } else {
            lines.add(ScriptLine.out(STEPS, "#12 naming to docker.io/library/" + app.appName() + " done"));
            lines.add(ScriptLine.out(STEPS, "Docker Deployed: ✅"));
        }
        return lines;
    }
}
