package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.deployment.ListMerge.AppRead;
import dev.unideploy.gateway.deployment.ListMerge.Entry;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge, case by case: apps written as {@code id@second[status]} in their adapter's order. */
class ListMergeTest {

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("newest first across apps", List.of("a1@5 a2@3", "b1@4 b2@1"), null, 10, "a1 b1 a2 b2"),
                Arguments.of("a tie goes to the app listed first", List.of("a1@5 a2@5", "b1@5"), null, 10, "a1 a2 b1"),
                Arguments.of("the limit", List.of("a1@5 a2@3", "b1@4 b2@1"), null, 2, "a1 b1"),
                Arguments.of(
                        "an app out of order is served in its order, nothing lost",
                        List.of("q1@1 r1@9 r2@2", "b1@5"),
                        null,
                        10,
                        "b1 q1 r1 r2"),
                Arguments.of(
                        "a status filter skips the others",
                        List.of("a1@5q a2@3 a3@1q", "b1@4"),
                        Status.QUEUED,
                        10,
                        "a1 a3"),
                Arguments.of(
                        "an app read only partly stops the page", List.of("a1@5 ...", "b1@4 b2@3"), null, 10, "a1"),
                Arguments.of("a failed app is left out", List.of("!", "b1@4 b2@3"), null, 10, "b1 b2"),
                Arguments.of("no createdAt counts as oldest", List.of("a1@- a2@-", "b1@1"), null, 10, "b1 a1 a2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void merges(String name, List<String> apps, @Nullable Status status, int limit, String expected) {
        List<AppRead> reads = apps.stream().map(ListMergeTest::read).toList();
        ListMerge.Result result = ListMerge.merge(reads, status, limit);
        assertThat(String.join(
                        " ",
                        result.items().stream()
                                .map(served -> served.deployment().id())
                                .toList()))
                .isEqualTo(expected);
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                // app a: a1 a2 a3 on page "0"; two served → resumes at a3 after anchor a2
                Arguments.of(List.of("a1@5 a2@4 a3@1", "b1@3"), 2, "a:0:2:a2", "b:null:0:null"),
                // every entry consumed and more to read: where reading stopped
                Arguments.of(List.of("a1@5 ...", "b1@4"), 1, "a:next:0:a1", "b:null:0:null"),
                // an exhausted app drops out
                Arguments.of(List.of("a1@5", "b1@3 b2@2"), 2, "b:0:1:b1", null));
    }

    @ParameterizedTest(name = "{2} {3}")
    @MethodSource("positions")
    void positions(List<String> apps, int limit, String first, @Nullable String second) {
        List<AppRead> reads = apps.stream().map(ListMergeTest::read).toList();
        List<String> positions = ListMerge.merge(reads, null, limit).positions().stream()
                .map(p -> p.app() + ":" + p.token() + ":" + p.skip() + ":" + p.anchor())
                .toList();
        assertThat(positions).containsExactlyElementsOf(second == null ? List.of(first) : List.of(first, second));
    }

    @org.junit.jupiter.api.Test
    void aPageThatShiftedResumesAfterItsAnchor() {
        List<Deployment> shifted = ids("new1 new2 a1 a2 a3");
        assertThat(ListMerge.startOf(new ListCursor.Position("p:a", "0", 2, "a2"), shifted))
                .isEqualTo(4);
        assertThat(ListMerge.startOf(new ListCursor.Position("p:a", "0", 2, "gone"), shifted))
                .isEqualTo(2);
        assertThat(ListMerge.startOf(new ListCursor.Position("p:a", "0", 9, null), shifted))
                .isEqualTo(5);
    }

    /** {@code "!"} a failed read; a last word {@code ...} an app with more to read ("next"). */
    private static AppRead read(String spec) {
        String app = spec.startsWith("!") ? "x" : spec.substring(0, 1);
        ListCursor.Position start = new ListCursor.Position(app, null, 0, null);
        if (spec.equals("!")) {
            return AppRead.failure(start);
        }
        List<Entry> entries = new ArrayList<>();
        boolean more = false;
        for (String word : spec.split(" ")) {
            if (word.equals("...")) {
                more = true;
                continue;
            }
            entries.add(new Entry(deployment(word), "0", entries.size()));
        }
        return new AppRead(start, entries, more ? new ListCursor.Position(app, "next", 0, last(entries)) : null, false);
    }

    private static String last(List<Entry> entries) {
        return entries.get(entries.size() - 1).deployment().id();
    }

    private static Deployment deployment(String word) {
        String id = word.substring(0, word.indexOf('@'));
        String rest = word.substring(word.indexOf('@') + 1);
        boolean queued = rest.endsWith("q");
        String second = queued ? rest.substring(0, rest.length() - 1) : rest;
        return Deployment.builder(id, "app")
                .lifecycle(queued ? Lifecycle.queued("queued") : Lifecycle.succeeded("done"))
                .createdAt(second.equals("-") ? null : Instant.EPOCH.plusSeconds(Long.parseLong(second)))
                .build();
    }

    private static List<Deployment> ids(String words) {
        return Stream.of(words.split(" "))
                .map(id -> Deployment.builder(id, "app")
                        .lifecycle(Lifecycle.succeeded("done"))
                        .build())
                .toList();
    }
}
