package dev.unideploy.adapter.mist;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Mist deployment rows and stream frames, normalised. */
final class MistDeploymentMapping {

    private MistDeploymentMapping() {}

    static Deployment toDeployment(JsonNode node, long appId) {
        MistJson.Dep dep = MistJson.read(node, MistJson.Dep.class);
        Lifecycle lifecycle = MistStatusMapping.toLifecycle(dep.status() == null ? "" : dep.status());
        boolean rollback = dep.rolledBackFrom() != null && dep.rolledBackFrom() > 0;
        return Deployment.builder(new MistId(appId, dep.id()).toString(), Long.toString(appId))
                .lifecycle(lifecycle)
                .progress(dep.progress())
                .source(new Source(null, dep.commitHash(), dep.commitMessage(), dep.imageTag(), null))
                .kind(rollback ? Kind.ROLLBACK : Kind.DEPLOY)
                .rollbackOf(rollback ? new MistId(appId, dep.rolledBackFrom()).toString() : null)
                // is_active is never written (MarkDeploymentActive has no caller): every row reads false, so Mist
                // does not tell which deployment serves.
                .live(null)
                .createdAt(MistJson.instant(dep.createdAt()))
                .startedAt(MistJson.instant(dep.startedAt()))
                .finishedAt(MistJson.instant(dep.finishedAt()))
                .raw(MistJson.DEPLOYMENT_RAW.keep(node))
                .build();
    }

    /**
     * Rows newest first, as Mist lists them ({@code ORDER BY created_at DESC}); rows created at the same instant
     * are ordered by {@code deployment_number}, the app's own sequence (ids are random).
     */
    static List<JsonNode> newestFirst(List<JsonNode> rows) {
        Comparator<JsonNode> created = Comparator.comparing(
                (JsonNode row) -> MistJson.instant(MistJson.text(row, "created_at")),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<JsonNode> number =
                Comparator.comparingLong(row -> row.path("deployment_number").asLong(0));
        List<JsonNode> sorted = new ArrayList<>(rows);
        sorted.sort(created.thenComparing(number).reversed());
        return sorted;
    }

    /**
     * One stream frame against the deployment as last known: a status frame updates it, a log frame is a line.
     * Frames that are neither (or unreadable) yield nothing.
     */
    static Optional<DeploymentEvent> toEvent(String text, Deployment current) {
        MistJson.Frame frame;
        try {
            frame = MistJson.read(MistJson.parse(text), MistJson.Frame.class);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        JsonNode data = frame.data();
        if (data == null || frame.type() == null) {
            return Optional.empty();
        }
        if ("log".equalsIgnoreCase(frame.type())) {
            String line = MistJson.text(data, "line");
            if (line == null) {
                return Optional.empty();
            }
            String timestamp = MistJson.text(data, "timestamp");
            return Optional.of(new DeploymentEvent.Log(MistLogLines.ofFrame(
                    line,
                    MistJson.text(data, "stream"),
                    MistJson.instant(timestamp != null ? timestamp : frame.timestamp()))));
        }
        if ("status".equalsIgnoreCase(frame.type())) {
            String status = MistJson.text(data, "status");
            if (status == null) {
                return Optional.empty();
            }
            JsonNode progress = data.path("progress");
            return Optional.of(new DeploymentEvent.StatusChanged(current.toBuilder()
                    .lifecycle(MistStatusMapping.toLifecycle(status))
                    .progress(progress.isNumber() ? Integer.valueOf(progress.asInt()) : current.progress())
                    .build()));
        }
        return Optional.empty();
    }
}
