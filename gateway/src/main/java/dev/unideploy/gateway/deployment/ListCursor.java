package dev.unideploy.gateway.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.spi.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of the merged deployment list: the status filter and where each app not yet exhausted stands
 * in its own paging. Deflated, so that fifty apps fit the spec's bound on a cursor.
 *
 * @param apps the apps not yet exhausted, in the order the list merges them
 */
record ListCursor(
        @JsonProperty("s") @Nullable Status status,
        @JsonProperty("a") List<Position> apps) {

    /**
     * Where one app stands: its adapter's page token, how many items of that page are consumed, and the id of the
     * last item consumed. Where a provider's pages shift between two requests (new deployments on top of offset
     * paging), the anchor is found again in the page and reading resumes right after it; a page without it resumes
     * at {@code skip}.
     */
    record Position(
            @JsonProperty("i") String app,
            @JsonProperty("t") @Nullable String token,
            @JsonProperty("k") int skip,
            @JsonProperty("l") @Nullable String anchor) {

        static Position first(String app) {
            return new Position(app, null, 0, null);
        }
    }

    /** Inflating a cursor stops here: no cursor this API issues comes near it. */
    private static final int MAX_JSON = 64 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String encode() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(JSON.writeValueAsBytes(this));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    static ListCursor decode(String value) {
        try {
            ListCursor cursor = JSON.readValue(
                    inflate(Base64.getUrlDecoder().decode(value.getBytes(StandardCharsets.US_ASCII))),
                    ListCursor.class);
            if (cursor.apps() == null
                    || cursor.apps().stream().anyMatch(p -> p == null || p.app() == null || p.skip() < 0)) {
                throw notOurs();
            }
            return cursor;
        } catch (IllegalArgumentException | JacksonException | DataFormatException malformed) {
            throw notOurs();
        }
    }

    private static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_JSON) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static ApiException notOurs() {
        return ApiException.invalid("cursor", "is not a cursor this API issued");
    }
}
