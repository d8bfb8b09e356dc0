package dev.unideploy.sandbox;

import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One incoming request as a simulator sees it.
 *
 * @param path the path below the provider's base path, e.g. {@code /deploy} for Coolify's {@code /api/v1/deploy}
 */
record Call(
        Request request,
        String method,
        String path,
        Map<String, String> query,
        @Nullable JsonNode body) {

    static Call of(Request request, String basePath) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        path = path.startsWith(basePath) ? path.substring(basePath.length()) : "\u0000" + path;
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new Call(request, request.getMethod().getName(), path, query, Json.parse(request.getBodyAsString()));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Nullable
    String header(String name) {
        return request.containsHeader(name) ? request.getHeader(name) : null;
    }

    @Nullable
    String cookie(String name) {
        var cookie = request.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** A body field as text (numbers too), or null when absent. */
    @Nullable
    String field(String name) {
        JsonNode node = body == null ? null : body.get(name);
        return node == null || node.isNull() ? null : node.asString();
    }

    /** A field from the JSON body, else from the query string (Coolify accepts both). */
    @Nullable
    String param(String name) {
        String fromBody = field(name);
        return fromBody != null ? fromBody : query.get(name);
    }

    /**
     * A query parameter as a number: {@code fallback} when absent or empty, {@code notANumber} when it does not
     * parse (providers differ: some fall back, some refuse).
     */
    int intQuery(String name, int fallback, int notANumber) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notAnInt) {
            return notANumber;
        }
    }
}
