package dev.unideploy.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A simulator's answer to one request. */
record Reply(
        int status, Map<String, String> headers, @Nullable String body) {

    static Reply json(int status, @Nullable Object value) {
        return new Reply(status, Map.of("Content-Type", "application/json"), Json.write(value));
    }

    static Reply json(@Nullable Object value) {
        return json(200, value);
    }

    static Reply text(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    /** A 200 with no body at all (tRPC void procedures). */
    static Reply empty() {
        return new Reply(200, Map.of(), null);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, all, body);
    }
}
