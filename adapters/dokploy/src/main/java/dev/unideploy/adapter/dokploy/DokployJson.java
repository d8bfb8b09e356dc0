package dev.unideploy.adapter.dokploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.unideploy.spi.ProviderException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dokploy's wire shapes. Its OpenAPI response schemas are empty, so these are hand-written from the source. */
final class DokployJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What {@code raw} keeps of an application: its {@code env}, build args and registry password stay out. */
    static final java.util.Set<String> APP_RAW = java.util.Set.of(
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

    private DokployJson() {}

    /** A row of the {@code deployment} table. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(
            String deploymentId,
            @Nullable String title,
            @Nullable String description,
            @Nullable String status,
            @Nullable String logPath,
            @Nullable String applicationId,
            @Nullable String createdAt,
            @Nullable String startedAt,
            @Nullable String finishedAt,
            @Nullable String errorMessage) {}

    /** A BullMQ job of {@code deployment.queueList}: a deployment before its row exists. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(
            @Nullable String id,
            @Nullable JobData data,
            @Nullable Long timestamp,
            @Nullable String state) {}

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
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse("Dokploy answered something that is not JSON", null, e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse(
                    "Dokploy answered an unexpected " + type.getSimpleName() + " shape", null, e);
        }
    }

    /**
     * A copy of {@code node} with the listed properties only: {@code raw} payloads are allow-listed, since
     * Dokploy objects can carry secrets (environment values, webhook secrets, registry passwords, hidden logs).
     */
    static JsonNode only(JsonNode node, java.util.Set<String> properties) {
        if (!node.isObject()) {
            return node;
        }
        tools.jackson.databind.node.ObjectNode copy = MAPPER.createObjectNode();
        node.properties().forEach(entry -> {
            if (properties.contains(entry.getKey())) {
                copy.set(entry.getKey(), entry.getValue());
            }
        });
        return copy;
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    static @Nullable Instant instant(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
