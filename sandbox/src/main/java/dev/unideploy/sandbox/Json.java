package dev.unideploy.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulators' JSON: one shared mapper, ordered maps for wire objects (null values kept, as the providers send them). */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** An ordered JSON object from alternating keys and values. */
    static Map<String, @Nullable Object> obj(@Nullable Object... keysAndValues) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }

    static String write(@Nullable Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** The parsed body, or null when it is empty or not JSON. */
    static @Nullable JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** ISO-8601 with milliseconds, as the JavaScript and PHP providers print it. */
    static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A random id from the URL-safe alphabet (nanoid style). */
    static String randomId(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    static String randomHex(int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }
}
