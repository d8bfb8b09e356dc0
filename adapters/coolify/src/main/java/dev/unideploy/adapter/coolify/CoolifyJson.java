package dev.unideploy.adapter.coolify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.RawPayload;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Coolify's wire shapes; unknown properties are ignored. */
final class CoolifyJson {

    static final ProviderJson JSON = new ProviderJson("Coolify");
    static final JsonMapper MAPPER = JSON.mapper();

    /** What {@code raw} keeps of a queue row: not {@code logs} (hidden entries) nor configuration snapshots. */
    static final RawPayload ROW_RAW = RawPayload.of(
            "id",
            "deployment_uuid",
            "application_id",
            "application_name",
            "status",
            "commit",
            "commit_message",
            "pull_request_id",
            "force_rebuild",
            "is_webhook",
            "is_api",
            "rollback",
            "restart_only",
            "git_type",
            "server_id",
            "server_name",
            "destination_id",
            "deployment_url",
            "only_this_server",
            "docker_registry_image_tag",
            "build_server_id",
            "created_at",
            "updated_at",
            "finished_at");

    /** What {@code raw} keeps of an application (a root token also sees its webhook secrets and more). */
    static final RawPayload APP_RAW = RawPayload.of(
            "uuid",
            "name",
            "description",
            "fqdn",
            "status",
            "git_repository",
            "git_branch",
            "build_pack",
            "environment_id",
            "created_at",
            "updated_at");

    private CoolifyJson() {}

    /** A row of {@code application_deployment_queues}. The doc's {@code uuid} is really {@code deployment_uuid}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(
            @Nullable Long id,
            @JsonProperty("deployment_uuid") String deploymentUuid,
            @JsonProperty("application_id") @Nullable String applicationId,
            @JsonProperty("application_name") @Nullable String applicationName,
            @JsonProperty("deployment_url") @Nullable String deploymentUrl,
            @Nullable String status,
            @Nullable String commit,
            @JsonProperty("commit_message") @Nullable String commitMessage,
            @Nullable Boolean rollback,
            @JsonProperty("force_rebuild") @Nullable Boolean forceRebuild,
            @JsonProperty("created_at") @Nullable String createdAt,
            @JsonProperty("updated_at") @Nullable String updatedAt,
            @JsonProperty("finished_at") @Nullable String finishedAt) {}

    /** {@code GET /deployments/applications/{uuid}}: the spec wrongly says an array of applications. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppDeployments(@Nullable Integer count, @Nullable List<JsonNode> deployments) {}

    /** One entry of the JSON-encoded {@code logs} string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogEntry(
            @Nullable String command,
            @Nullable String output,
            @Nullable String type,
            @Nullable String timestamp,
            @Nullable Boolean hidden) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Application(
            String uuid,
            @Nullable String name,
            @JsonProperty("environment_name") @Nullable String environmentName) {}

    static JsonNode parse(String body) {
        return JSON.parse(body);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        return JSON.read(node, type);
    }

    static @Nullable String text(JsonNode node, String field) {
        return ProviderJson.text(node, field);
    }

    /** Laravel timestamps: ISO-8601 with offset, or {@code yyyy-MM-dd HH:mm:ss} in UTC. */
    static @Nullable Instant instant(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant iso = ProviderJson.isoInstant(value);
        if (iso != null) {
            return iso;
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
