package dev.unideploy.sandbox;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code application.deploy} (or {@code redeploy}) as Dokploy's in-memory queue holds it: a job ({@code job-N})
 * queued at {@code queuedAt}, which becomes a deployment row when the worker picks it up ({@link DokployQueue}).
 *
 * @param deploymentId the id its row gets (the caller learns none from the deploy)
 * @param title the title sent, else Dokploy's default for the job type
 */
record DokployJob(
        int sequence,
        String deploymentId,
        DokployApp app,
        boolean fails,
        boolean redeploy,
        String title,
        String description,
        Instant queuedAt) {

    static DokployJob of(
            int sequence,
            DokployApp app,
            boolean fails,
            boolean redeploy,
            @Nullable String title,
            @Nullable String description,
            Instant queuedAt) {
        String sent =
                title == null || title.isEmpty() ? (redeploy ? "Rebuild deployment" : "Manual deployment") : title;
        return new DokployJob(
                sequence,
                Json.randomId(21),
                app,
                fails,
                redeploy,
                sent,
                description == null ? "" : description,
                queuedAt);
    }

    String jobId() {
        return "job-" + sequence;
    }

    /** The job as {@code deployment.queueList} lists it; {@code processedOn} once the worker picked it up. */
    Map<String, @Nullable Object> toQueueRow(@Nullable Instant processedOn) {
        Map<String, @Nullable Object> row = Json.obj(
                "id",
                jobId(),
                "name",
                "deployments",
                "data",
                Json.obj(
                        "applicationId",
                        app.applicationId(),
                        "titleLog",
                        title,
                        "descriptionLog",
                        description,
                        "type",
                        redeploy ? "redeploy" : "deploy",
                        "applicationType",
                        "application",
                        "server",
                        false),
                "timestamp",
                queuedAt.toEpochMilli());
        // undefined fields are left out of the JSON, as JavaScript leaves them
        if (processedOn != null) {
            row.put("processedOn", processedOn.toEpochMilli());
        }
        row.put("state", processedOn == null ? "waiting" : "active");
        row.put(
                "servicePath",
                Json.obj(
                        "href",
                        "/dashboard/project/prj-sandbox/environment/env-production/services/application/"
                                + app.applicationId(),
                        "label",
                        "Application"));
        return row;
    }
}
