package dev.unideploy.adapter.dooor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unideploy.spi.ProviderException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dooor OS's wire format: camelCase JSON (NestJS); unknown properties are ignored. */
final class DooorJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body.isBlank() ? "null" : body);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse("Dooor answered malformed JSON", null, e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !(node.isObject() || node.isArray())) {
            throw new ProviderException.BadResponse("Dooor answered an unexpected body", null, null);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse("Dooor answered an unreadable " + type.getSimpleName(), null, e);
        }
    }

    static String write(Object body) {
        return MAPPER.writeValueAsString(body);
    }
}
