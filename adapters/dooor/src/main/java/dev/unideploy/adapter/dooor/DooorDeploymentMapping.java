package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dooor OS's payloads to the normalised model. */
final class DooorDeploymentMapping {

    private DooorDeploymentMapping() {}

    /**
     * A deployment. A rollback's new row names the deployment it came from in {@code rolledBackFrom} (or says
     * {@code triggerType: ROLLBACK}); {@code live} is left to the caller (it needs the app's revisions), except
     * that a failed or cancelled deployment serves nothing.
     */
    static Deployment toDeployment(JsonNode node) {
        DooorJson.WireDeployment wire = DooorJson.read(node, DooorJson.WireDeployment.class);
        if (wire.id() == null || wire.id().isBlank()) {
            throw new ProviderException.BadResponse("Dooor answered a deployment without an id", null, null);
        }
        Lifecycle lifecycle = DooorStatusMapping.toLifecycle(wire.status() == null ? "" : wire.status());
        boolean rollback = wire.rolledBackFrom() != null || "ROLLBACK".equalsIgnoreCase(wire.triggerType());
        Boolean live = lifecycle.status() == Status.FAILED || lifecycle.status() == Status.CANCELLED ? false : null;
        return Deployment.builder(wire.id(), wire.appId() == null ? "" : wire.appId())
                .lifecycle(lifecycle)
                .source(new Source(
                        wire.gitBranch(), wire.gitCommitSha(), wire.gitCommitMessage(), wire.imageRef(), null))
                .kind(rollback ? Kind.ROLLBACK : Kind.DEPLOY)
                .rollbackOf(wire.rolledBackFrom())
                .live(live)
                .createdAt(toInstant(wire.createdAt()))
                .startedAt(toInstant(wire.startedAt()))
                .finishedAt(toInstant(wire.finishedAt()))
                .raw(DooorJson.DEPLOYMENT_RAW.keep(node))
                .build();
    }

    /**
     * A build log line. Dooor sends plain strings; one that starts with an ISO-8601 instant and a space has it
     * taken as the line's timestamp.
     */
    static LogLine toLogLine(String line) {
        int space = line.indexOf(' ');
        if (space >= 20 && Character.isDigit(line.charAt(0))) {
            Instant timestamp = toInstant(line.substring(0, space));
            if (timestamp != null) {
                return new LogLine(timestamp, null, line.substring(space + 1));
            }
        }
        return LogLine.of(line);
    }

    /**
     * A page newest first: {@code createdAt} desc (Dooor documents "ordered by creation date, newest first"), then
     * {@code id} desc, so that deployments created in the same instant keep one order.
     */
    static List<JsonNode> newestFirst(List<JsonNode> rows) {
        Comparator<JsonNode> created = Comparator.comparing(
                (JsonNode row) -> toInstant(ProviderJson.text(row, "createdAt")),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<JsonNode> id = Comparator.comparing(
                (JsonNode row) -> ProviderJson.text(row, "id"), Comparator.nullsFirst(Comparator.naturalOrder()));
        List<JsonNode> sorted = new ArrayList<>(rows);
        sorted.sort(created.thenComparing(id).reversed());
        return sorted;
    }

    static @Nullable String revisionName(JsonNode node) {
        return DooorJson.read(node, DooorJson.WireDeployment.class).revisionName();
    }

    static Revision toRevision(JsonNode node) {
        DooorJson.WireRevision wire = DooorJson.read(node, DooorJson.WireRevision.class);
        if (wire.revisionName() == null) {
            throw new ProviderException.BadResponse("Dooor answered a revision without a name", null, null);
        }
        return new Revision(wire.revisionName(), wire.imageRef(), wire.trafficPercent(), toInstant(wire.createdAt()));
    }

    static @Nullable Instant toInstant(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
