package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Source;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dokploy deployment rows and queued jobs, normalised under the id the gateway serves them by. */
final class DokployDeploymentMapping {

    /** Dokploy's description of a row once the build ended: the commit it built (the title became its message). */
    private static final String COMMIT = "Commit: ";

    private DokployDeploymentMapping() {}

    /**
     * A deployment found on Dokploy: its row where there is one, its queue job while it waits or builds.
     *
     * @param job the queue job; null once only the row is left
     */
    record Found(Deployment deployment, DokployJson.@Nullable Row row, DokployJson.@Nullable Job job) {}

    static Found fromRow(JsonNode node, DokployId id) {
        DokployJson.Row row = DokployJson.read(node, DokployJson.Row.class);
        Deployment deployment = Deployment.builder(id.toString(), id.applicationId())
                .lifecycle(DokployStatusMapping.toLifecycle(row.status() == null ? "" : row.status()))
                .source(source(row))
                .createdAt(DokployJson.instant(row.createdAt()))
                .startedAt(DokployJson.instant(row.startedAt()))
                .finishedAt(DokployJson.instant(row.finishedAt()))
                .raw(DokployJson.ROW_RAW.keep(node))
                .build();
        return new Found(deployment, row, null);
    }

    /** Once Dokploy renamed the row, its title is the commit message and its description names the commit. */
    private static Source source(DokployJson.Row row) {
        String description = row.description();
        if (description == null || !description.startsWith(COMMIT)) {
            return Source.EMPTY;
        }
        return new Source(null, description.substring(COMMIT.length()).trim(), row.title(), null, null);
    }

    /** A job not yet a row: queued while it waits, in progress once picked up (the row is about to appear). */
    static Found fromJob(JsonNode node, DokployTriggeredId id) {
        DokployJson.Job job = DokployJson.read(node, DokployJson.Job.class);
        Lifecycle lifecycle = DokployStatusMapping.jobLifecycle(job.state() == null ? "waiting" : job.state());
        Deployment deployment = Deployment.builder(id.toString(), id.applicationId())
                .lifecycle(lifecycle)
                .createdAt(job.timestamp() == null ? null : Instant.ofEpochMilli(job.timestamp()))
                .raw(DokployJson.JOB_RAW.keep(node))
                .build();
        return new Found(deployment, null, job);
    }

    /** A trigger Dokploy accepted but does not show yet (neither job nor row): queued is what Dokploy has. */
    static Deployment accepted(DokployTriggeredId id) {
        return Deployment.builder(id.toString(), id.applicationId())
                .lifecycle(Lifecycle.queued("queued"))
                .createdAt(id.triggered())
                .build();
    }
}
