package dev.unideploy.sandbox;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What Mist's server does to a build log line before its WebSocket sends it ({@code websockets/logWatcher.go}
 * {@code parseDockerLog}, {@code statusWatcher.go} {@code DetectStreamType}): Docker's JSON messages become their
 * text — which keeps Docker's trailing {@code \n} — and the stream is guessed from keywords.
 */
final class MistLogWatcher {

    private static final List<String> STDERR_PATTERNS = List.of(
            "error:",
            "err:",
            "fatal:",
            "panic:",
            "warning:",
            "warn:",
            "failed",
            "failure",
            "exception:",
            "traceback",
            "stack trace",
            " err ",
            "[error]",
            "[err]",
            "[fatal]",
            "[panic]",
            "[warning]",
            "[warn]");

    private MistLogWatcher() {}

    /** {@code parseDockerLog}: the text to send, or null for a line Mist skips (progress, aux). */
    static @Nullable String parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return line;
        }
        JsonNode docker = Json.parse(trimmed);
        if (docker == null || !docker.isObject()) {
            return line;
        }
        String error = text(docker, "error");
        if (!error.isEmpty()) {
            return error;
        }
        String stream = text(docker, "stream");
        if (!stream.isEmpty()) {
            return stream;
        }
        String status = text(docker, "status");
        if (!status.isEmpty()) {
            String id = text(docker, "id");
            return switch (status) {
                case "Downloading", "Extracting", "Waiting", "Verifying Checksum" -> null;
                default -> id.isEmpty() ? status : status + ": " + id;
            };
        }
        return docker.has("aux") && !docker.get("aux").isNull() ? null : line;
    }

    /** {@code DetectStreamType}. */
    static String streamOf(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return STDERR_PATTERNS.stream().anyMatch(lower::contains) ? "stderr" : "stdout";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }
}
