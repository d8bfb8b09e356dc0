package dev.unideploy.adapter.dooor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderJson;
import dev.unideploy.spi.RawPayload;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dooor OS's wire format: camelCase JSON (NestJS); unknown properties are ignored. */
final class DooorJson {

    static final ProviderJson JSON = new ProviderJson("Dooor");

    /** What {@code raw} keeps of a deployment. */
    static final RawPayload DEPLOYMENT_RAW = RawPayload.of(
            "id",
            "workspaceId",
            "appId",
            "status",
            "triggerType",
            "gitBranch",
            "gitCommitSha",
            "gitCommitMessage",
            "imageRef",
            "revisionName",
            "rolledBackFrom",
            "errorMessage",
            "durationSeconds",
            "startedAt",
            "finishedAt",
            "createdAt",
            "updatedAt");

    /** What {@code raw} keeps of an app ({@code replicas} is read back by the scale outcome). */
    static final RawPayload APP_RAW = RawPayload.of(
            "id", "name", "description", "workspaceId", "gitBranch", "replicas", "status", "createdAt", "updatedAt");

    private DooorJson() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireDeployment(
            @Nullable String id,
            @Nullable String status,
            @Nullable String appId,
            @Nullable String gitBranch,
            @Nullable String gitCommitSha,
            @Nullable String gitCommitMessage,
            @Nullable String imageRef,
            @Nullable String revisionName,
            @Nullable String rolledBackFrom,
            @Nullable String triggerType,
            @Nullable String startedAt,
            @Nullable String finishedAt,
            @Nullable String createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Meta(
            @Nullable Integer total,
            @Nullable Integer page,
            @Nullable Integer limit,
            @Nullable Integer totalPages) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageOf(@Nullable List<JsonNode> data, @Nullable Meta meta) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireApp(@Nullable String id, @Nullable String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogList(@Nullable List<String> logs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Condition(
            @Nullable String type,
            @Nullable String status,
            @Nullable String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RuntimeStatus(
            @Nullable String phase,
            @Nullable Integer ready,
            @Nullable Integer total,
            @Nullable List<Condition> conditions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScaleAnswer(
            @Nullable String appId,
            @Nullable String name,
            @Nullable Integer requestedReplicas,
            @Nullable Integer currentReplicas,
            @Nullable String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireRevision(
            @Nullable String revisionName,
            @Nullable String imageRef,
            @Nullable Integer trafficPercent,
            @Nullable String createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Split(
            @Nullable String revisionName,
            @Nullable Integer percent,
            @Nullable String tag) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TrafficAnswer(
            @Nullable String appId,
            @Nullable List<Split> splits,
            @Nullable String promotedRevision) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Trigger(
            String appId,
            @Nullable String gitBranch,
            @Nullable String gitCommitSha,
            @Nullable TriggerSource source) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TriggerSource(
            String type,
            @Nullable String imageRef,
            @Nullable String uploadId) {}

    record Scale(String appId, int replicas) {}

    record Traffic(List<Split> splits) {}

    /** An empty body reads as JSON null (the callers that expect one say so). */
    static JsonNode parse(String body) {
        return JSON.parse(body.isBlank() ? "null" : body);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !(node.isObject() || node.isArray())) {
            throw new ProviderException.BadResponse("Dooor answered an unexpected body", null, null);
        }
        return JSON.read(node, type);
    }

    static String write(Object body) {
        return JSON.write(body);
    }
}
