package dev.unideploy.cli;

import dev.unideploy.client.model.App;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** For an app id the gateway does not know: the known ids that are a few typing mistakes away. */
final class AppSuggestions {

    private AppSuggestions() {}

    /** Up to three ids within a fifth of the typed id's length in edits (at least 2), nearest first. */
    static List<String> near(String typed, List<App> apps) {
        int limit = Math.max(2, typed.length() / 5);
        return apps.stream()
                .map(App::getId)
                .filter(id -> distance(typed, id) <= limit)
                .sorted(Comparator.comparingInt((String id) -> distance(typed, id))
                        .thenComparing(id -> id))
                .limit(3)
                .toList();
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
