package dev.unideploy.spi;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one rule for {@code raw} payloads ({@link Deployment#raw()}, {@link App#raw()}): each adapter declares which
 * fields of a provider object it shows; everything else is dropped, so a field a provider adds later never leaks.
 * Nested objects are allow-listed field by field too. A field whose name says it holds a credential ({@code
 * password}, {@code secret}, {@code token}, {@code key}, {@code env}, …) cannot be allowed at all.
 */
public final class RawPayload {

    /** Words of a field name (camelCase, snake_case or kebab-case split) that mark a credential. */
    private static final Set<String> CREDENTIAL_WORDS = Set.of(
            "password",
            "passwd",
            "secret",
            "secrets",
            "token",
            "tokens",
            "key",
            "keys",
            "apikey",
            "credential",
            "credentials",
            "cookie",
            "auth",
            "authorization",
            "env",
            "envs",
            "private");

    private final Set<String> fields;
    private final Map<String, RawPayload> nested;

    private RawPayload(Set<String> fields, Map<String, RawPayload> nested) {
        this.fields = Set.copyOf(fields);
        this.nested = Map.copyOf(nested);
    }

    /** Only these top-level fields; nested objects under them are kept whole unless {@link #with} narrows them. */
    public static RawPayload of(String... fields) {
        Set<String> allowed = new LinkedHashSet<>(List.of(fields));
        allowed.forEach(RawPayload::refuseCredential);
        return new RawPayload(allowed, Map.of());
    }

    /** The field allowed too, its object (or each object of its array) narrowed to {@code inner}. */
    public RawPayload with(String field, RawPayload inner) {
        refuseCredential(field);
        Set<String> allowed = new LinkedHashSet<>(fields);
        allowed.add(field);
        Map<String, RawPayload> narrowed = new HashMap<>(nested);
        narrowed.put(field, inner);
        return new RawPayload(allowed, narrowed);
    }

    /**
     * A copy of {@code node} holding the allowed fields only; an array has each element kept so. Anything else (a
     * bare value, JSON null, no node) is nothing: null.
     */
    public @Nullable JsonNode keep(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> {
                JsonNode kept = keep(element);
                if (kept != null) {
                    copy.add(kept);
                }
            });
            return copy;
        }
        if (!node.isObject()) {
            return null;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(entry -> {
            String name = entry.getKey();
            if (!fields.contains(name)) {
                return;
            }
            RawPayload inner = nested.get(name);
            JsonNode value = entry.getValue();
            if (inner == null || value.isNull()) {
                copy.set(name, value.deepCopy());
            } else {
                JsonNode kept = inner.keep(value);
                if (kept != null) {
                    copy.set(name, kept);
                }
            }
        });
        return copy;
    }

    /** True when a field of this name can never be part of a {@code raw} payload. */
    public static boolean namesCredential(String field) {
        String words = field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String word : words.split("[^a-z0-9]+")) {
            if (CREDENTIAL_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static void refuseCredential(String field) {
        if (namesCredential(field)) {
            throw new IllegalArgumentException("a raw payload never carries a credential-like field: " + field);
        }
    }

    @Override
    public String toString() {
        return "RawPayload" + fields + (nested.isEmpty() ? "" : nested);
    }
}
