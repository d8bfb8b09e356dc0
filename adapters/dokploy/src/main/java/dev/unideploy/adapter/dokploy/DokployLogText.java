package dev.unideploy.adapter.dokploy;

import java.util.ArrayList;
import java.util.List;

/**
 * Dokploy's log text as lines, counted as Dokploy counts them: {@code readLogs?tail=N} is {@code tail -n N} of the
 * log file, so a line is what ends in a newline, blank ones included ({@code tail=2} can answer {@code "\nError
 * occurred ❌, check the logs for details.\n"}: two lines, the first blank). A carriage return is kept inside a line
 * (build progress) and dropped only at its end.
 */
final class DokployLogText {

    private DokployLogText() {}

    /** The lines of {@code text}; a last line without its newline counts too. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            lines.add(line(text.substring(start, newline)));
            start = newline + 1;
        }
        if (start < text.length()) {
            lines.add(line(text.substring(start)));
        }
        return lines;
    }

    /** The complete lines at the start of {@code partial}, removed from it; the unfinished rest stays. */
    static List<String> completeLines(StringBuilder partial) {
        List<String> lines = new ArrayList<>();
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            lines.add(line(partial.substring(0, newline)));
            partial.delete(0, newline + 1);
        }
        return lines;
    }

    private static String line(String raw) {
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }
}
