package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Dooor OS deployment: {@code queued → building → deploying → succeeded | failed}. A rollback re-uses an
 * existing image and starts at {@code deploying}.
 */
record DooorDeployment(
        String id,
        SeededApp app,
        String triggerType,
        String gitBranch,
        String gitCommitSha,
        String revisionName,
        @Nullable String rolledBackFrom,
        boolean fails,
        Timeline timeline) {

    /**
     * How the list orders: newest first (Dooor documents "ordered by creation date, newest first"), and the id
     * breaking a tie, so that deployments created in the same millisecond keep one order on every page.
     */
    static final Comparator<DooorDeployment> NEWEST_FIRST = Comparator.comparing(
                    (DooorDeployment d) -> d.timeline().start())
            .thenComparing(DooorDeployment::id)
            .reversed();

    private static final int BUILD = 1;
    private static final int DEPLOY = 3;
    private static final int DONE = 4;

    boolean rollback() {
        return rolledBackFrom != null;
    }

    /** The tick the deployment reaches its terminal state. */
    private int doneTick() {
        if (rollback()) {
            return 1;
        }
        return fails ? DEPLOY : DONE;
    }

    String status() {
        int tick = timeline.tick();
        if (tick >= doneTick()) {
            return fails && !rollback() ? "failed" : "succeeded";
        }
        if (rollback()) {
            return "deploying";
        }
        if (tick == 0) {
            return "queued";
        }
        return tick < DEPLOY ? "building" : "deploying";
    }

    boolean terminal() {
        return timeline.tick() >= doneTick();
    }

    @Nullable
    Instant finishedAt() {
        return terminal() ? timeline.at(doneTick()) : null;
    }

    String imageRef() {
        return "registry.dooor.ai/ws_sandbox/" + app.name() + ":" + gitCommitSha.substring(0, 12);
    }

    Map<String, @Nullable Object> toJson() {
        Instant started = rollback() ? timeline.start() : (timeline.tick() >= BUILD ? timeline.at(BUILD) : null);
        Instant finished = finishedAt();
        return Json.obj(
                "id",
                id,
                "workspaceId",
                "ws_sandbox",
                "appId",
                app.id(),
                "status",
                status(),
                "triggerType",
                triggerType,
                "gitBranch",
                gitBranch,
                "gitCommitSha",
                gitCommitSha,
                "imageRef",
                status().equals("failed") ? null : imageRef(),
                "revisionName",
                revisionName,
                "rolledBackFrom",
                rolledBackFrom,
                "errorMessage",
                status().equals("failed") ? "Build failed: npm run build exited with code 1" : null,
                "durationSeconds",
                started != null && finished != null
                        ? Duration.between(started, finished).toSeconds()
                        : null,
                "startedAt",
                Json.iso(started),
                "finishedAt",
                Json.iso(finished),
                "createdAt",
                Json.iso(timeline.start()),
                "updatedAt",
                Json.iso(finished != null ? finished : timeline.at(Math.min(timeline.tick(), DONE))));
    }

    /** Build logs so far, one string per line. */
    List<String> logs() {
        List<ScriptLine> script = new ArrayList<>();
        if (rollback()) {
            script.add(ScriptLine.out(0, "Rolling back to " + imageRef()));
            script.add(ScriptLine.out(0, "Running releaseCommand: npm run migrate"));
            script.add(ScriptLine.out(1, "Revision " + revisionName + " is ready"));
        } else {
            script.add(ScriptLine.out(0, "Deployment queued (" + triggerType + ")"));
            script.add(ScriptLine.out(BUILD, "Cloning " + gitBranch + "@" + gitCommitSha.substring(0, 7)));
            script.add(ScriptLine.out(BUILD, "Step 1/6 : FROM node:22-alpine"));
            script.add(ScriptLine.out(2, "Step 4/6 : RUN npm ci && npm run build"));
            if (fails) {
                script.add(ScriptLine.err(DEPLOY, "npm error Lifecycle script `build` failed with error: code 1"));
                script.add(ScriptLine.err(DEPLOY, "Build failed: npm run build exited with code 1"));
            } else {
                script.add(ScriptLine.out(DEPLOY, "Pushing image " + imageRef()));
                script.add(ScriptLine.out(DEPLOY, "Creating revision " + revisionName));
                script.add(ScriptLine.out(DONE, "Revision " + revisionName + " is ready and serving 100% of traffic"));
            }
        }
        return ScriptLine.upTo(script, timeline.tick()).stream()
                .map(line -> Json.iso(timeline.at(line.tick())) + " " + line.text())
                .toList();
    }
}
