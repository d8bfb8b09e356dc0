package dev.unideploy.adapter.mist;

import dev.unideploy.spi.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Mist's build log lines, decoded as Mist's own dashboard decodes them ({@code dash/src/hooks/
 * use-deployment-monitor.ts}, {@code parseDockerLogLine} and {@code detectStreamType}). The finished log is the
 * raw file: Docker's JSON messages one per line ({@code {"stream":"Step 1/7 : …\n"}}, {@code {"errorDetail":…,
 * "error":"…"}}, pull progress, {@code aux}) among plain {@code [GIT]} lines. The live stream sends lines the server
 * already decoded ({@code parseDockerLog}) with Docker's trailing {@code \n} kept. Both become the same lines: the
 * message without trailing line breaks, a Docker {@code "\n"} a blank line (both views show one), progress and
 * {@code aux} messages none.
 */
final class MistLogLines {

    /** {@code detectStreamType}'s keywords (the server's {@code DetectStreamType} has the same). */
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

    private MistLogLines() {}

    /** The finished log file: split on {@code \n}, empty lines skipped, each line decoded. */
    static List<LogLine> ofFile(String text) {
        List<LogLine> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (!line.isEmpty()) {
                decode(line).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /** {@code parseDockerLogLine}: one raw line as the dashboard shows it; empty for what it skips. */
    static Optional<LogLine> decode(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.of(plain(trimmed));
        }
        JsonNode docker;
        try {
            docker = MistJson.parse(trimmed);
        } catch (RuntimeException notJson) {
            return Optional.of(plain(trimmed));
        }
        String error = text(docker, "error");
        if (!error.isEmpty()) {
            return Optional.of(new LogLine(null, "stderr", withoutLineBreaks(error)));
        }
        String stream = text(docker, "stream");
        if (!stream.isEmpty()) {
            return Optional.of(new LogLine(null, streamOf(stream), withoutLineBreaks(stream)));
        }
        String status = text(docker, "status");
        if (!status.isEmpty()) {
            String id = text(docker, "id");
            return switch (status) {
                // noisy pull progress
                case "Downloading", "Extracting", "Waiting", "Verifying Checksum" -> Optional.empty();
                default -> Optional.of(new LogLine(null, "stdout", id.isEmpty() ? status : status + ": " + id));
            };
        }
        if (docker.has("aux")) {
            return Optional.empty();
        }
        return Optional.of(new LogLine(null, "stdout", trimmed));
    }

    /** A line of the live stream, decoded by the server already: its stream as sent, else guessed alike. */
    static LogLine ofFrame(String line, @Nullable String stream, @Nullable Instant timestamp) {
        String message = withoutLineBreaks(line);
        return new LogLine(timestamp, stream != null ? stream : streamOf(message), message);
    }

    /** {@code detectStreamType}: stderr when an error keyword appears. */
    static String streamOf(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return STDERR_PATTERNS.stream().anyMatch(lower::contains) ? "stderr" : "stdout";
    }

    private static LogLine plain(String trimmed) {
        return new LogLine(null, streamOf(trimmed), trimmed);
    }

    static String withoutLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }
}
