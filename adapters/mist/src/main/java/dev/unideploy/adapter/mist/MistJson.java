package dev.unideploy.adapter.mist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.RawPayload;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mist's wire shapes ({@code server/models/deployment.go}); unknown properties are ignored. */
final class MistJson {

    static final ProviderJson JSON = new ProviderJson("Mist");
    static final JsonMapper MAPPER = JSON.mapper();

    /** What {@code raw} keeps of an app. */
    static final RawPayload APP_RAW = RawPayload.of(
            "id",
            "name",
            "description",
            "project_id",
            "app_type",
            "git_repository",
            "git_branch",
            "status",
            "created_at",
            "updated_at");

    /** What {@code raw} keeps of a deployment row: not its {@code logs}. */
    static final RawPayload DEPLOYMENT_RAW = RawPayload.of(
            "id",
            "app_id",
            "deployment_number",
            "commit_hash",
            "commit_message",
            "commit_author",
            "github_dep_id",
            "triggered_by",
            "container_id",
            "container_name",
            "image_tag",
            "status",
            "stage",
            "progress",
            "error_message",
            "is_active",
            "rolled_back_from",
            "created_at",
            "started_at",
            "finished_at",
            "duration");

    private MistJson() {}

    /** A deployment row. {@code id} is random (0–999 999), unique only with the app beside it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dep(
            long id,
            @JsonProperty("app_id") @Nullable Long appId,
            @JsonProperty("commit_hash") @Nullable String commitHash,
            @JsonProperty("commit_message") @Nullable String commitMessage,
            @JsonProperty("image_tag") @Nullable String imageTag,
            @Nullable String status,
            @Nullable String stage,
            @Nullable Integer progress,
            @JsonProperty("is_active") @Nullable Boolean isActive,
            @JsonProperty("rolled_back_from") @Nullable Long rolledBackFrom,
            @JsonProperty("created_at") @Nullable String createdAt,
            @JsonProperty("started_at") @Nullable String startedAt,
            @JsonProperty("finished_at") @Nullable String finishedAt) {}

    /** A project or an app: both have an int {@code id} and a {@code name}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Named(long id, @Nullable String name) {}

    /** One frame of the log stream: {@code type} is {@code status} or {@code log}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Frame(
            @Nullable String type,
            @Nullable String timestamp,
            @Nullable JsonNode data) {}

    static JsonNode parse(String body) {
        return JSON.parse(body);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        return JSON.read(node, type);
    }

    static @Nullable String text(JsonNode node, String field) {
        return ProviderJson.text(node, field);
    }

    /** Go's RFC 3339 times; Go's zero time means "not yet". */
    static @Nullable Instant instant(@Nullable String value) {
        return value != null && value.startsWith("0001-01-01") ? null : ProviderJson.isoInstant(value);
    }
}
