package dev.unideploy.gateway.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.spi.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of the merged deployment list: where each app's own paging stands (its adapter's page token
 * and how many items of that page are consumed) and the last item served, so that a provider whose pages shift
 * (offsets, in-memory paging) never makes an item repeat.
 *
 * @param apps the apps not yet exhausted
 * @param boundaryMillis createdAt of the last item served (epoch millis), null on the first page
 * @param boundaryId id of the last item served
 */
record ListCursor(
        @JsonProperty("s") @Nullable Status status,
        @JsonProperty("bt") @Nullable Long boundaryMillis,
        @JsonProperty("bi") @Nullable String boundaryId,
        @JsonProperty("a") List<Position> apps) {

    /** Where one app stands: its adapter's page token and how many of that page's items are consumed. */
    record Position(
            @JsonProperty("i") String app,
            @JsonProperty("t") @Nullable String token,
            @JsonProperty("k") int skip) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
    }

    static ListCursor decode(String value) {
        try {
            ListCursor cursor = JSON.readValue(
                    Base64.getUrlDecoder().decode(value.getBytes(StandardCharsets.US_ASCII)), ListCursor.class);
            if (cursor.apps() == null
                    || cursor.apps().stream().anyMatch(p -> p == null || p.app() == null || p.skip() < 0)) {
                throw ApiException.invalid("cursor", "is not a cursor this API issued");
            }
            return cursor;
        } catch (IllegalArgumentException | JacksonException malformed) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
    }
}
