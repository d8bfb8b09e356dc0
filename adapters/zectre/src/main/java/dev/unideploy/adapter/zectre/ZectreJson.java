package dev.unideploy.adapter.zectre;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unideploy.spi.ProviderException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Zectre's wire format: snake_case JSON; unknown properties are ignored. */
final class ZectreJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body.isBlank() ? "null" : body);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse("Zectre answered malformed JSON", null, e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw new ProviderException.BadResponse("Zectre answered an unexpected body", null, null);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse("Zectre answered an unreadable " + type.getSimpleName(), null, e);
        }
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
        return MAPPER.writeValueAsString(body);
    }

    /** The payload kept as {@code raw}, without the spec's env (it may hold the app's secrets). */
    static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("spec") instanceof ObjectNode spec && spec.has("env")) {
            ObjectNode copy = object.deepCopy();
            ((ObjectNode) copy.get("spec")).remove("env");
            return copy;
        }
        return node;
    }
}
