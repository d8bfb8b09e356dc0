package dev.unideploy.adapter.zectre;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.RawPayload;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zectre's wire format: snake_case JSON; unknown properties are ignored. */
final class ZectreJson {

    static final ProviderJson JSON = ProviderJson.snakeCase("Zectre");

    /** What {@code raw} keeps of a deployment: of its spec, not the env (it may hold the app's secrets). */
    static final RawPayload DEPLOYMENT_RAW = RawPayload.of(
                    "id",
                    "app_id",
                    "version",
                    "sha",
                    "status",
                    "tasks_ready",
                    "tasks_total",
                    "progress",
                    "environment_slug",
                    "preview_url",
                    "created_at",
                    "updated_at")
            .with(
                    "spec",
                    RawPayload.of(
                            "process_type",
                            "image",
                            "artifact_id",
                            "replicas",
                            "resources",
                            "networking",
                            "cold_start_enabled",
                            "idle_timeout_secs"));

    /** What {@code raw} keeps of an app. */
    static final RawPayload APP_RAW = RawPayload.of("id", "name", "slug", "created_at", "updated_at");

    private ZectreJson() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireDeployment(
            @Nullable String id,
            @Nullable String sha,
            @Nullable String appId,
            @Nullable Integer version,
            @Nullable String status,
            @Nullable Spec spec,
            @Nullable Integer tasksReady,
            @Nullable Integer tasksTotal,
            @Nullable Integer progress,
            @Nullable String environmentSlug,
            @Nullable String previewUrl,
            @Nullable String createdAt,
            @Nullable String updatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Spec(
            @Nullable String image,
            @Nullable String artifactId,
            @Nullable String processType,
            @Nullable Integer replicas) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeploymentList(
            @Nullable List<JsonNode> deployments, @Nullable String nextPageToken) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogEntry(
            @Nullable String timestamp,
            @Nullable String message,
            @Nullable String stream,
            @Nullable String level) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedAnswer(
            @Nullable String deploymentId, @Nullable String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppList(
            @Nullable List<JsonNode> data,
            @Nullable Integer total,
            @Nullable Integer page) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireApp(
            @Nullable String id,
            @Nullable String name,
            @Nullable String slug) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateDeployment(
            @Nullable String environment,
            @Nullable String processType,
            @Nullable String image,
            @Nullable String artifactId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GitTrigger(
            @Nullable String branch,
            @Nullable String ref,
            @Nullable String environment) {}

    record Promote(String strategy, String environment) {}

    record ScalePatch(Replicas spec) {}

    record Replicas(int replicas) {}

    /** An empty body reads as JSON null (the callers that expect one say so). */
    static JsonNode parse(String body) {
        return JSON.parse(body.isBlank() ? "null" : body);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw new ProviderException.BadResponse("Zectre answered an unexpected body", null, null);
        }
        return JSON.read(node, type);
    }

    /** The new deployment's id from a 201 {@code {deployment_id, message}} (promote, git trigger). */
    static String createdId(JsonNode answer) {
        CreatedAnswer created = read(answer, CreatedAnswer.class);
        if (created.deploymentId() == null || created.deploymentId().isBlank()) {
            throw new ProviderException.BadResponse("Zectre answered no deployment_id", null, null);
        }
        return created.deploymentId();
    }

    static String write(Object body) {
        return JSON.write(body);
    }
}
