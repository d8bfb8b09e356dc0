package dev.unideploy.adapter.dokploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.RawPayload;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dokploy's wire shapes. Its OpenAPI response schemas are empty, so these are hand-written from the source. */
final class DokployJson {

    static final ProviderJson JSON = new ProviderJson("Dokploy");
    static final JsonMapper MAPPER = JSON.mapper();

    /** What {@code raw} keeps of an application: its {@code env}, build args and registry password stay out. */
    static final RawPayload APP_RAW = RawPayload.of(
            "applicationId",
            "name",
            "appName",
            "description",
            "applicationStatus",
            "environmentId",
            "sourceType",
            "buildType",
            "branch",
            "createdAt");

    /** What {@code raw} keeps of a deployment row (all of its columns: none holds a secret). */
    static final RawPayload ROW_RAW = RawPayload.of(
            "deploymentId",
            "title",
            "description",
            "status",
            "logPath",
            "pid",
            "applicationId",
            "composeId",
            "serverId",
            "isPreviewDeployment",
            "previewDeploymentId",
            "scheduleId",
            "backupId",
            "rollbackId",
            "volumeBackupId",
            "createdAt",
            "startedAt",
            "finishedAt",
            "errorMessage");

    /** What {@code raw} keeps of a queue job: its state and what it was queued for. */
    static final RawPayload JOB_RAW = RawPayload.of("id", "timestamp", "processedOn", "state")
            .with(
                    "data",
                    RawPayload.of("applicationId", "titleLog", "descriptionLog", "type", "applicationType", "server"));

    private DokployJson() {}

    /** A row of the {@code deployment} table. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(
            String deploymentId,
            @Nullable String title,
            @Nullable String description,
            @Nullable String status,
            @Nullable String logPath,
            @Nullable String pid,
            @Nullable String applicationId,
            @Nullable String createdAt,
            @Nullable String startedAt,
            @Nullable String finishedAt,
            @Nullable String errorMessage) {}

    /**
     * A job of {@code deployment.queueList} ({@code waiting} or {@code active}; BullMQ-shaped, but an in-memory queue
     * since v0.29.9, lost when Dokploy restarts): a deployment before, and while, its row exists.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(
            @Nullable String id,
            @Nullable JobData data,
            @Nullable Long timestamp,
            @Nullable String state) {

        boolean waiting() {
            return "waiting".equalsIgnoreCase(state);
        }

        /** The queue's sequence number ({@code job-12} → 12): orders jobs added in the same millisecond. */
        long sequence() {
            String digits = id == null ? "" : id.replaceAll("\\D", "");
            try {
                return digits.isEmpty() ? 0 : Long.parseLong(digits);
            } catch (NumberFormatException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobData(
            @Nullable String applicationId,
            @Nullable String titleLog,
            @Nullable String type) {}

    /** {@code project.all}: projects, their environments, their applications. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Project(
            @Nullable String name,
            @Nullable List<Environment> environments,
            @Nullable List<JsonNode> applications) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Environment(@Nullable String name, @Nullable List<JsonNode> applications) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Application(
            String applicationId,
            @Nullable String name,
            @Nullable String appName) {}

    static JsonNode parse(String body) {
        return JSON.parse(body);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        return JSON.read(node, type);
    }

    static @Nullable String text(JsonNode node, String field) {
        return ProviderJson.text(node, field);
    }

    static @Nullable Instant instant(@Nullable String value) {
        return ProviderJson.isoInstant(value);
    }
}
