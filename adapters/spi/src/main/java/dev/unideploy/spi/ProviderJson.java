package dev.unideploy.spi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading one provider's JSON the way the port wants it: unknown properties ignored, unreadable answers as {@link
 * ProviderException.BadResponse} naming the provider (never the payload, which may hold secrets). Adapters read JSON
 * through this class only (see {@link RawPayload} for what a {@code raw} payload may keep).
 */
public final class ProviderJson {

    private final String provider;
    private final JsonMapper mapper;

    /** @param provider the provider's name, as error messages say it (e.g. "Coolify") */
    public ProviderJson(String provider) {
        this(
                provider,
                JsonMapper.builder()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build());
    }

    /** For a provider whose JSON is snake_case throughout (wire records keep Java's camelCase names). */
    public static ProviderJson snakeCase(String provider) {
        return new ProviderJson(
                provider,
                JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build());
    }

    public ProviderJson(String provider, JsonMapper mapper) {
        this.provider = provider;
        this.mapper = mapper;
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse(provider + " answered something that is not JSON", null, e);
        }
    }

    public <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new ProviderException.BadResponse(
                    provider + " answered an unexpected " + type.getSimpleName() + " shape", null, e);
        }
    }

    /** The body as JSON text (a request body). */
    public String write(Object body) {
        return mapper.writeValueAsString(body);
    }

    /** The field as text; null when missing or JSON null. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    /** An ISO-8601 instant with offset; null when absent or unreadable (a timestamp is never worth failing for). */
    public static @Nullable Instant isoInstant(@Nullable String value) {
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
