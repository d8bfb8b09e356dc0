package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pages cut from a list in memory, by offset or after the last item served. */
class MemoryPagesTest {

    private static final Comparator<Deployment> NEWEST_FIRST = Comparator.comparing(
                    (Deployment d) -> d.createdAt().toEpochMilli())
            .thenComparing(Deployment::id)
            .reversed();

    private static Deployment at(long millis, String id) {
        return Deployment.builder(id, "app")
                .lifecycle(Lifecycle.succeeded("done"))
                .createdAt(Instant.ofEpochMilli(millis))
                .build();
    }

    static IntStream seeds() {
        return IntStream.range(0, 15);
    }

    private static List<Deployment> generate(Random random) {
        List<Deployment> all = new ArrayList<>();
        int size = random.nextInt(12);
        for (int i = 0; i < size; i++) {
            all.add(at(random.nextInt(5) * 1000L, "d" + i)); // many ties on time
        }
        all.sort(NEWEST_FIRST);
        return all;
    }

    private static List<String> pageThrough(List<Deployment> all, int limit, MemoryPages.Cursor cursor) {
        List<String> ids = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages <= all.size() + 1; pages++) {
            DeploymentPage page = MemoryPages.page(all, token, limit, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().forEach(item -> ids.add(item.id()));
            token = page.nextPageToken();
            if (token == null) {
                break;
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("property: every page size pages the whole list once, in order, with either cursor")
    void everyPageSizePagesTheWholeList(int seed) {
        List<Deployment> all = generate(new Random(seed));
        List<String> expected = all.stream().map(Deployment::id).toList();
        for (int limit = 1; limit <= all.size() + 1; limit++) {
            assertThat(pageThrough(all, limit, MemoryPages.offset())).containsExactlyElementsOf(expected);
            assertThat(pageThrough(all, limit, MemoryPages.after(NEWEST_FIRST))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("after the last item served, a newer item between two pages neither repeats nor hides one")
    void newerItemBetweenPages() {
        List<Deployment> before = List.of(at(3000, "c"), at(2000, "b"), at(1000, "a"));
        DeploymentPage first = MemoryPages.page(before, null, 2, MemoryPages.after(NEWEST_FIRST));
        List<Deployment> after = new ArrayList<>(before);
        after.add(0, at(4000, "new"));

        DeploymentPage second = MemoryPages.page(after, first.nextPageToken(), 2, MemoryPages.after(NEWEST_FIRST));

        assertThat(first.items()).extracting(Deployment::id).containsExactly("c", "b");
        assertThat(second.items()).extracting(Deployment::id).containsExactly("a");
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    @DisplayName("a limit outside 1–100 or a token not made here is bad input")
    void badInput() {
        for (int limit : new int[] {0, -1, 101}) {
            assertThatThrownBy(() -> MemoryPages.check(null, limit, MemoryPages.offset()))
                    .isInstanceOf(ProviderException.InvalidRequest.class);
        }
        for (String token : new String[] {"x", "-1", ""}) {
            assertThatThrownBy(() -> MemoryPages.check(token, 10, MemoryPages.offset()))
                    .isInstanceOf(ProviderException.InvalidRequest.class);
        }
        for (String token : new String[] {"12", "x:a", "12:", ":a"}) {
            assertThatThrownBy(() -> MemoryPages.check(token, 10, MemoryPages.after(NEWEST_FIRST)))
                    .isInstanceOf(ProviderException.InvalidRequest.class);
        }
        assertThat(MemoryPages.page(List.of(at(1, "a")), "5", 10, MemoryPages.offset())
                        .items())
                .isEmpty();
    }
}
