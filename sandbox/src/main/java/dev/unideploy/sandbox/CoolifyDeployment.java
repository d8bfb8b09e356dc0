package dev.unideploy.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A row of Coolify's {@code application_deployment_queue}, its status computed from its timeline. */
record CoolifyDeployment(
        int id,
        String uuid,
        SeededApp app,
        String commit,
        boolean force,
        boolean rollback,
        Timeline timeline,
        boolean cancelled) {

    private static final int DONE = 3;
    private static final DateTimeFormatter LARAVEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /** {@code queued} → {@code in_progress} → {@code finished} | {@code failed}; cancel gives {@code cancelled-by-user}. */
    String status() {
        if (cancelled) {
            return "cancelled-by-user";
        }
        int tick = timeline.tick();
        if (tick == 0) {
            return "queued";
        }
        if (tick < DONE) {
            return "in_progress";
        }
        return app.failsBuild() ? "failed" : "finished";
    }

    boolean active() {
        String status = status();
        return status.equals("queued") || status.equals("in_progress");
    }

    CoolifyDeployment cancel() {
        return new CoolifyDeployment(id, uuid, app, commit, force, rollback, timeline.frozen(), true);
    }

    @Nullable
    Instant finishedAt() {
        if (cancelled) {
            return timeline.frozenAt();
        }
        return timeline.tick() >= DONE ? timeline.at(DONE) : null;
    }

    /** The row as the API returns it (with {@code logs}: our sandbox token is a root token). */
    Map<String, @Nullable Object> toJson() {
        Instant updated = finishedAt() != null ? finishedAt() : timeline.at(Math.min(timeline.tick(), DONE));
        return Json.obj(
                "id",
                id,
                "application_id",
                String.valueOf(app.id().hashCode() & 0xffff),
                "deployment_uuid",
                uuid,
                "pull_request_id",
                0,
                "force_rebuild",
                force,
                "commit",
                commit,
                "status",
                status(),
                "is_webhook",
                false,
                "is_api",
                true,
                "created_at",
                laravel(timeline.start()),
                "updated_at",
                laravel(updated),
                "logs",
                Json.write(logEntries()),
                "current_process_id",
                null,
                "restart_only",
                false,
                "git_type",
                null,
                "server_id",
                0,
                "application_name",
                app.name(),
                "server_name",
                "localhost",
                "deployment_url",
                "/project/sandbox/environment/production/application/" + app.id() + "/deployment/" + uuid,
                "destination_id",
                "0",
                "only_this_server",
                false,
                "rollback",
                rollback,
                "commit_message",
                rollback ? "Rollback to " + commit : "Update landing page",
                "docker_registry_image_tag",
                null,
                "configuration_hash",
                null,
                "build_server_id",
                null,
                "horizon_job_id",
                null,
                "horizon_job_worker",
                null,
                "finished_at",
                laravel(finishedAt()));
    }

    /**
     * A Laravel {@code timestamps()} column as the API prints it: whole seconds (the column has no fraction), so
     * two rows queued in one second share their {@code created_at}.
     */
    static @Nullable String laravel(@Nullable Instant instant) {
        return instant == null
                ? null
                : LARAVEL.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** The second {@link #laravel} keeps: what Coolify orders by. */
    Instant createdAt() {
        return timeline.start().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Coolify's {@code logs}: entries {@code {command, output, type, timestamp, hidden, batch, order}}; the
     * {@code hidden:true} ones are the internal commands the UI hides (adapters must filter them).
     */
    List<Map<String, @Nullable Object>> logEntries() {
        int tick = cancelled ? Math.min(timeline.tick(), DONE - 1) : timeline.tick();
        List<Map<String, @Nullable Object>> entries = new ArrayList<>();
        int order = 1;
        for (ScriptLine line : ScriptLine.upTo(script(), tick)) {
            entries.add(Json.obj(
                    "command",
                    line.hidden() ? line.text() : null,
                    "output",
                    line.hidden() ? "" : line.text(),
                    "type",
                    line.stderr() ? "stderr" : "stdout",
                    "timestamp",
                    Json.iso(timeline.at(line.tick()).plusMillis(order)),
                    "hidden",
                    line.hidden(),
                    "batch",
                    line.tick(),
                    "order",
                    order++));
        }
        return entries;
    }

    private List<ScriptLine> script() {
        List<ScriptLine> lines = new ArrayList<>(List.of(
                ScriptLine.out(1, "Starting deployment of " + app.name() + " to localhost."),
                new ScriptLine(1, "docker rm -f " + uuid, false, true),
                ScriptLine.out(1, "Preparing container with helper image: ghcr.io/coollabsio/coolify-helper:1.0.11."),
                new ScriptLine(1, "docker exec " + uuid + " bash -c 'git ls-remote origin HEAD'", false, true),
                ScriptLine.out(
                        2, "Importing " + app.name() + ":main (commit sha " + commit + ") to /artifacts/" + uuid + "."),
                ScriptLine.out(2, "Building docker image started.")));
        if (app.failsBuild()) {
            lines.add(ScriptLine.err(
                    DONE,
                    "ERROR: failed to solve: process \"/bin/sh -c npm run build\" did not complete successfully:"
                            + " exit code: 1"));
            lines.add(ScriptLine.err(DONE, "Deployment failed. Removing the new version of your application."));
        } else {
            lines.add(ScriptLine.out(DONE, "Building docker image completed."));
            lines.add(ScriptLine.out(DONE, "Rolling update started."));
            lines.add(new ScriptLine(
                    DONE, "docker compose --project-directory /artifacts/" + uuid + " up -d", false, true));
            lines.add(ScriptLine.out(DONE, "Rolling update completed."));
        }
        return lines;
    }
}
