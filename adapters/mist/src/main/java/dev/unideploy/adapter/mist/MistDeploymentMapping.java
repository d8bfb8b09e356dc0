package dev.unideploy.adapter.mist;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
                // is_active: the deployment serving now; said only of succeeded ones.
                .live(lifecycle.status() == Status.SUCCEEDED ? dep.isActive() : null)
                .createdAt(MistJson.instant(dep.createdAt()))
                .startedAt(MistJson.instant(dep.startedAt()))
                .finishedAt(MistJson.instant(dep.finishedAt()))
                .raw(withoutLogs(node))
                .build();
    }

    private static JsonNode withoutLogs(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("logs")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("logs");
            return copy;
        }
        return node;
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
            return Optional.of(new DeploymentEvent.Log(new LogLine(
                    MistJson.instant(timestamp != null ? timestamp : frame.timestamp()),
                    MistJson.text(data, "stream"),
                    line)));
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
