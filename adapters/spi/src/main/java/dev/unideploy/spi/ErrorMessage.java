package dev.unideploy.spi;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a provider puts its own reason in an error body, and the one way of reading it: the parts present, in order,
 * joined by {@code ": "}; else a short excerpt of the body; else the HTTP status. Only the body is read, never a
 * request header.
 *
 * @param provider the name put before the message ({@code "Dooor: …"}), or null for none
 * @param envelope a field whose object value holds the parts instead ({@code {"error":{"code","message"}}}), or null
 * @param parts the message's parts, each a list of alternative fields (the first with a value is taken); a field
 *     that is an array of strings is joined by {@code "; "}; blank values count as absent
 */
public record ErrorMessage(
        @Nullable String provider, @Nullable String envelope, List<List<String>> parts) {

    private static final int EXCERPT = 200;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public ErrorMessage {
        parts = parts.stream().map(List::copyOf).toList();
    }

    /** One part per field, in order, no name before it. */
    public static ErrorMessage fields(String... fields) {
        return new ErrorMessage(
                null, null, List.of(fields).stream().map(List::of).toList());
    }

    /** The message prefixed with {@code provider + ": "}. */
    public ErrorMessage named(String name) {
        return new ErrorMessage(name, envelope, parts);
    }

    /** The parts read from the object under {@code field} when there is one (else from the body itself). */
    public ErrorMessage inside(String field) {
        return new ErrorMessage(provider, field, parts);
    }

    /** Another part: the first of {@code alternatives} with a value. */
    public ErrorMessage part(String... alternatives) {
        List<List<String>> more = new ArrayList<>(parts);
        more.add(List.of(alternatives));
        return new ErrorMessage(provider, envelope, more);
    }

    public String of(HttpResponse<String> response) {
        return of(response.body(), response.statusCode());
    }

    public String of(@Nullable String body, int status) {
        String prefix = provider == null ? "" : provider + ": ";
        if (body == null || body.isBlank()) {
            return prefix + "HTTP " + status;
        }
        String message = fromJson(body);
        if (message != null) {
            return prefix + message;
        }
        String trimmed = body.strip();
        return prefix + (trimmed.length() > EXCERPT ? trimmed.substring(0, EXCERPT) + "…" : trimmed);
    }

    private @Nullable String fromJson(String body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
        if (envelope != null && node.path(envelope).isObject()) {
            node = node.get(envelope);
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        for (List<String> alternatives : parts) {
            for (String field : alternatives) {
                String value = valueOf(node.get(field));
                if (value != null) {
                    found.add(value);
                    break;
                }
            }
        }
        return found.isEmpty() ? null : String.join(": ", found);
    }

    private static @Nullable String valueOf(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> {
                if (item.isValueNode() && !item.isNull() && !item.asString().isBlank()) {
                    items.add(item.asString());
                }
            });
            return items.isEmpty() ? null : String.join("; ", items);
        }
        return value.isValueNode() && !value.asString().isBlank() ? value.asString() : null;
    }
}
