package dev.unideploy.gateway.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem document before it is written.
 *
 * @param retryAfter sent as {@code Retry-After} (429, 503)
 */
public record Problem(
        ProblemCode code,
        String detail,
        @Nullable String provider,
        @Nullable Integer upstreamStatus,
        List<ApiException.FieldError> errors,
        @Nullable Duration retryAfter) {

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, detail, null, null, List.of(), null);
    }

    /** The JSON body: type, title, status, detail, instance, code, and the optional members. */
    public Map<String, Object> body(String instance, @Nullable String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.type());
        body.put("title", code.title());
        body.put("status", code.status().value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("code", code.wire());
        if (provider != null) body.put("provider", provider);
        if (upstreamStatus != null) body.put("upstreamStatus", upstreamStatus);
        if (requestId != null) body.put("requestId", requestId);
        if (!errors.isEmpty()) body.put("errors", errors);
        return body;
    }
}
