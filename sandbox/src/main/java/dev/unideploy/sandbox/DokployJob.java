package dev.unideploy.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One {@code application.deploy}: a BullMQ job for its first step, then a deployment row ({@code running} →
 * {@code done} | {@code error}). Queued work has no row and no deployment id on the API, only the job.
 */
record DokployJob(
        int jobId,
        String deploymentId,
        DokployApp app,
        boolean fails,
        @Nullable String title,
        @Nullable String description,
        Timeline timeline,
        boolean killed) {

    private static final int DONE = 4;
    private static final DateTimeFormatter LOG_FILE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Still waiting in the queue: no deployment row yet. */
    boolean queued() {
        return !killed && timeline.tick() == 0;
    }

    String status() {
        if (killed) {
            return "error"; // killProcess writes "error", not "cancelled" (that one means "interrupted by a restart")
        }
        int tick = timeline.tick();
        if (tick < DONE) {
            return "running";
        }
        return fails ? "error" : "done";
    }

    DokployJob kill() {
        return new DokployJob(jobId, deploymentId, app, fails, title, description, timeline.frozen(), true);
    }

    Instant createdAt() {
        return timeline.at(1);
    }

    String logPath() {
        return "/etc/dokploy/logs/" + app.appName() + "/" + app.appName() + "-" + LOG_FILE_TIME.format(timeline.start())
                + "-" + deploymentId.substring(0, 6) + ".log";
    }

    /** The deployment row, as {@code deployment.all} lists it. */
    Map<String, @Nullable Object> toRow() {
        String status = status();
        Instant finished = killed ? timeline.frozenAt() : (status.equals("running") ? null : timeline.at(DONE));
        return Json.obj(
                "deploymentId",
                deploymentId,
                "title",
                title != null ? title : "Manual deployment",
                "description",
                description,
                "status",
                status,
                "logPath",
                logPath(),
                "pid",
                status.equals("running") ? String.valueOf(20000 + jobId) : null,
                "applicationId",
                app.applicationId(),
                "composeId",
                null,
                "serverId",
                null,
                "isPreviewDeployment",
                false,
                "previewDeploymentId",
                null,
                "createdAt",
                Json.iso(createdAt()),
                "startedAt",
                Json.iso(createdAt()),
                "finishedAt",
                Json.iso(finished),
                "errorMessage",
                status.equals("error") && !killed ? "Error building the application" : null,
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

    /** The BullMQ job, as {@code deployment.queueList} lists it. */
    Map<String, @Nullable Object> toQueueRow() {
        return Json.obj(
                "id",
                String.valueOf(jobId),
                "name",
                "deployments",
                "data",
                Json.obj(
                        "applicationId",
                        app.applicationId(),
                        "titleLog",
                        title != null ? title : "Manual deployment",
                        "descriptionLog",
                        description != null ? description : "",
                        "type",
                        "deploy",
                        "applicationType",
                        "application",
                        "server",
                        false),
                "timestamp",
                timeline.start().toEpochMilli(),
                "processedOn",
                null,
                "finishedOn",
                null,
                "failedReason",
                null,
                "state",
                "waiting",
                "servicePath",
                null);
    }

    /** The log file's text so far. */
    String log() {
        int tick = killed ? Math.min(timeline.tick(), DONE - 1) : timeline.tick();
        return ScriptLine.upTo(script(), tick).stream()
                .map(line -> line.text() + "\n")
                .collect(Collectors.joining());
    }

    private List<ScriptLine> script() {
        String repo = "github.com/unideploy/" + app.name() + ".git";
        String code = "/etc/dokploy/applications/" + app.appName() + "/code";
        List<ScriptLine> lines = new ArrayList<>(List.of(
                ScriptLine.out(1, "Initializing deployment"),
                ScriptLine.out(1, "Cloning Repo " + repo + " to " + code + ": ✅"),
                ScriptLine.out(1, "Cloning into '" + code + "'..."),
                ScriptLine.out(2, "Cloned " + repo + ": ✅"),
                ScriptLine.out(2, "Build nixpacks: ✅"),
                ScriptLine.out(2, "╔═════════ Nixpacks v1.39.0 ═════════╗"),
                ScriptLine.out(3, "║ setup      │ nodejs_22, npm-9_x    ║"),
                ScriptLine.out(3, "#8 [stage-0 4/8] RUN npm ci")));
        if (fails) {
            lines.add(
                    ScriptLine.err(
                            DONE,
                            "#10 ERROR: process \"/bin/bash -ol pipefail -c npm run build\" did not complete successfully: exit code: 1"));
            lines.add(
                    ScriptLine.err(DONE, "Error: Command failed: nixpacks build " + code + " --name " + app.appName()));
            lines.add(ScriptLine.err(DONE, "❌ Error building"));
        } else {
            lines.add(ScriptLine.out(DONE, "#12 naming to docker.io/library/" + app.appName() + " done"));
            lines.add(ScriptLine.out(DONE, "Docker Deployed: ✅"));
        }
        return lines;
    }
}
