package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.Source;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zectre's payloads to the normalised model. */
final class ZectreDeploymentMapping {

    private ZectreDeploymentMapping() {}

    /** A deployment; {@code kind} is always deploy here (Zectre does not record what made a deployment). */
    static Deployment toDeployment(JsonNode node) {
        ZectreJson.WireDeployment wire = ZectreJson.read(node, ZectreJson.WireDeployment.class);
        if (wire.id() == null || wire.id().isBlank()) {
            throw new ProviderException.BadResponse("Zectre answered a deployment without an id", null, null);
        }
        String raw = wire.status() == null ? "" : wire.status();
        ZectreJson.Spec spec = wire.spec();
        // `sha` is the short source hash Zectre shows in preview URLs; the closest portable field is the commit.
        Source source = new Source(
                null, wire.sha(), null, spec == null ? null : spec.image(), spec == null ? null : spec.artifactId());
        Lifecycle lifecycle = ZectreStatusMapping.toLifecycle(raw, wire.tasksReady(), wire.tasksTotal());
        return Deployment.builder(wire.id(), wire.appId() == null ? "" : wire.appId())
                .lifecycle(lifecycle)
                .live(ZectreStatusMapping.toLive(raw, wire.tasksReady(), wire.tasksTotal()))
                .progress(wire.progress())
                .source(source)
                .environment(wire.environmentSlug())
                .createdAt(toInstant(wire.createdAt()))
                // Zectre has no finished_at: a terminal deployment's last update is when it finished.
                .finishedAt(lifecycle.terminal() ? toInstant(wire.updatedAt()) : null)
                .raw(ZectreJson.DEPLOYMENT_RAW.keep(node))
                .build();
    }

    /**
     * A page newest first: {@code created_at} desc, then {@code version} desc — the app's own sequence, which
     * Zectre's cursor pages by — so deployments created in the same instant keep one order on every page.
     */
    static List<JsonNode> newestFirst(List<JsonNode> rows) {
        Comparator<JsonNode> created = Comparator.comparing(
                (JsonNode row) -> toInstant(ProviderJson.text(row, "created_at")),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<JsonNode> version =
                Comparator.comparingLong(row -> row.path("version").asLong(0));
        List<JsonNode> sorted = new ArrayList<>(rows);
        sorted.sort(created.thenComparing(version).reversed());
        return sorted;
    }

    /** A log entry ({@code {timestamp, message, …}}); a non-JSON SSE payload is the message itself. */
    static LogLine toLogLine(JsonNode node) {
        if (!node.isObject()) {
            return LogLine.of(node.isValueNode() ? node.asString() : node.toString());
        }
        ZectreJson.LogEntry entry = ZectreJson.read(node, ZectreJson.LogEntry.class);
        String stream = entry.stream();
        if (stream == null && entry.level() != null) {
            stream = "error".equalsIgnoreCase(entry.level()) ? "stderr" : "stdout";
        }
        return new LogLine(toInstant(entry.timestamp()), stream, entry.message() == null ? "" : entry.message());
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
