package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dokploy deployment rows and queued BullMQ jobs, normalised. */
final class DokployDeploymentMapping {

    private DokployDeploymentMapping() {}

    /** A deployment found on Dokploy: the row where there is one (a queued deployment is a job only). */
    record Found(Deployment deployment, DokployJson.@Nullable Row row) {}

    static Found fromRow(JsonNode node, String applicationId) {
        DokployJson.Row row = DokployJson.read(node, DokployJson.Row.class);
        String title = row.title();
        DokployId id = title != null && DokployId.isGatewayTitle(title)
                ? DokployId.correlated(applicationId, title.substring(DokployId.TITLE_PREFIX.length()))
                : new DokployId(applicationId, row.deploymentId(), false);
        Deployment deployment = Deployment.builder(id.toString(), applicationId)
                .lifecycle(DokployStatusMapping.toLifecycle(row.status() == null ? "" : row.status()))
                .createdAt(DokployJson.instant(row.createdAt()))
                .startedAt(DokployJson.instant(row.startedAt()))
                .finishedAt(DokployJson.instant(row.finishedAt()))
                .raw(node)
                .build();
        return new Found(deployment, row);
    }

    static Found fromJob(JsonNode node, DokployId id) {
        DokployJson.Job job = DokployJson.read(node, DokployJson.Job.class);
        Lifecycle lifecycle = DokployStatusMapping.jobLifecycle(job.state() == null ? "waiting" : job.state());
        Deployment deployment = Deployment.builder(id.toString(), id.applicationId())
                .lifecycle(lifecycle)
                .createdAt(job.timestamp() == null ? null : Instant.ofEpochMilli(job.timestamp()))
                .raw(node)
                .build();
        return new Found(deployment, null);
    }

    /** The gateway's correlated id of a queued job of {@code applicationId}, or null if the job is not ours. */
    static @Nullable DokployId jobId(JsonNode node, String applicationId) {
        DokployJson.Job job = DokployJson.read(node, DokployJson.Job.class);
        DokployJson.JobData data = job.data();
        if (data == null || !applicationId.equals(data.applicationId()) || data.titleLog() == null) {
            return null;
        }
        String title = data.titleLog();
        return DokployId.isGatewayTitle(title)
                ? DokployId.correlated(applicationId, title.substring(DokployId.TITLE_PREFIX.length()))
                : null;
    }
}
