package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Coolify queue rows and their logs, normalised. */
final class CoolifyDeploymentMapping {

    private static final String APP_SEGMENT = "/application/";

    private CoolifyDeploymentMapping() {}

    /**
     * @param knownAppUuid the app uuid where the caller knows it; else read from the row's UI path
     *     ({@code …/application/<uuid>/deployment/…}), else the row's {@code application_id}
     */
    static Deployment toDeployment(JsonNode node, @Nullable String knownAppUuid) {
        CoolifyJson.Row row = CoolifyJson.read(node, CoolifyJson.Row.class);
        if (row.deploymentUuid() == null) {
            throw new ProviderException.BadResponse("Coolify deployment without deployment_uuid", null, null);
        }
        String appId = knownAppUuid != null ? knownAppUuid : appUuidOf(row);
        return Deployment.builder(row.deploymentUuid(), appId == null ? "" : appId)
                .lifecycle(CoolifyStatusMapping.toLifecycle(row.status() == null ? "" : row.status()))
                .source(new Source(null, row.commit(), row.commitMessage(), null, null))
                .kind(Boolean.TRUE.equals(row.rollback()) ? Kind.ROLLBACK : Kind.DEPLOY)
                .createdAt(CoolifyJson.instant(row.createdAt()))
                .finishedAt(CoolifyJson.instant(row.finishedAt()))
                .raw(CoolifyJson.ROW_RAW.keep(node))
                .build();
    }

    /**
     * Rows newest first as Coolify orders them ({@code created_at} desc, then {@code id} desc). Coolify's timestamps
     * have whole-second precision, so rows queued in one second tie on {@code created_at}; {@code id} is the
     * table's sequence and breaks the tie the same way on every page.
     */
    static List<JsonNode> newestFirst(List<JsonNode> rows) {
        Comparator<JsonNode> created = Comparator.comparing(
                (JsonNode row) -> CoolifyJson.instant(CoolifyJson.text(row, "created_at")),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<JsonNode> sequence =
                Comparator.comparingLong(row -> row.path("id").asLong(Long.MIN_VALUE));
        List<JsonNode> sorted = new ArrayList<>(rows);
        sorted.sort(created.thenComparing(sequence).reversed());
        return sorted;
    }

    static @Nullable String appUuidOf(CoolifyJson.Row row) {
        String url = row.deploymentUrl();
        if (url != null && url.contains(APP_SEGMENT)) {
            String rest = url.substring(url.indexOf(APP_SEGMENT) + APP_SEGMENT.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        return row.applicationId();
    }

    /**
     * The row's {@code logs}: a JSON-encoded string of {@code {output, type, timestamp, hidden}} entries (hidden
     * ones dropped); plain text, as the doc shows it, is tolerated. Absent without {@code read:sensitive}.
     */
    static List<LogLine> toLogLines(JsonNode row) {
        JsonNode logs = row.path("logs");
        if (logs.isMissingNode() || logs.isNull()) {
            return List.of();
        }
        JsonNode entries = logs;
        if (logs.isString()) {
            String text = logs.asString();
            try {
                entries = CoolifyJson.MAPPER.readTree(text);
            } catch (JacksonException plainText) {
                return plainLines(text);
            }
            if (entries == null || !entries.isArray()) {
                return plainLines(text);
            }
        }
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode node : entries) {
            CoolifyJson.LogEntry entry = CoolifyJson.read(node, CoolifyJson.LogEntry.class);
            if (Boolean.TRUE.equals(entry.hidden()) || entry.output() == null) {
                continue;
            }
            for (String line : entry.output().split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(new LogLine(CoolifyJson.instant(entry.timestamp()), entry.type(), line));
                }
            }
        }
        return lines;
    }

    private static List<LogLine> plainLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).map(LogLine::of).toList();
    }
}
