package dev.unideploy.spi;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pages cut from a whole list held in memory, for providers that list without paging: one slicing rule, one limit
 * check (1 to 100) and one answer to a token this adapter did not make ({@link ProviderException.InvalidRequest}).
 * The adapter chooses how its tokens point into the list: by {@linkplain #offset() offset}, or {@linkplain
 * #after(Comparator) after the last item served}, so that an item added between two pages neither repeats nor hides
 * an older one.
 */
public final class MemoryPages {

    /** Where a page starts in the list, and the token of the page after it. */
    public sealed interface Cursor permits Offset, After {}

    /** The token is the number of items served before: for a list whose order is not one of {@link Deployment}'s. */
    record Offset() implements Cursor {}

    /** The token is the last item served ({@code <created millis>:<id>}); the list is in {@code order}. */
    record After(Comparator<Deployment> order) implements Cursor {}

    private MemoryPages() {}

    public static Cursor offset() {
        return new Offset();
    }

    /**
     * @param order the list's order, over creation time and id only (a boundary made from a token holds nothing else)
     */
    public static Cursor after(Comparator<Deployment> order) {
        return new After(order);
    }

    /** The page of {@code limit} items at {@code token} (the list's start when null), and the next page's token. */
    public static DeploymentPage page(List<Deployment> all, @Nullable String token, int limit, Cursor cursor) {
        checkLimit(limit);
        int served = 0;
        List<Deployment> rest = all;
        try {
            if (token != null && cursor instanceof After after) {
                Deployment boundary = boundary(token);
                rest = all.stream()
                        .filter(item -> after.order().compare(item, boundary) > 0)
                        .toList();
            } else if (token != null) {
                served = Integer.parseInt(token);
                if (served < 0) {
                    throw new IllegalArgumentException("negative offset");
                }
                rest = served >= all.size() ? List.of() : all.subList(served, all.size());
            }
        } catch (RuntimeException malformed) {
            throw new ProviderException.InvalidRequest("malformed page token", "cursor", null);
        }
        List<Deployment> items = List.copyOf(rest.subList(0, Math.min(limit, rest.size())));
        if (rest.size() <= limit) {
            return new DeploymentPage(items, null);
        }
        Deployment last = items.get(items.size() - 1);
        String next = cursor instanceof After ? millis(last) + ":" + last.id() : Integer.toString(served + limit);
        return new DeploymentPage(items, next);
    }

    /**
     * The limit and token checked before anything is fetched: bad input fails as {@link
     * ProviderException.InvalidRequest} without a call to the provider.
     */
    public static void check(@Nullable String token, int limit, Cursor cursor) {
        page(List.of(), token, limit, cursor);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 100) {
            throw new ProviderException.InvalidRequest("limit must be 1 to 100", "limit", null);
        }
    }

    /** A stand-in for the last item served: its creation time and id. */
    private static Deployment boundary(String token) {
        int colon = token.indexOf(':');
        long millis = Long.parseLong(token.substring(0, colon));
        String id = token.substring(colon + 1);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("no id");
        }
        return Deployment.builder(id, "")
                .lifecycle(Lifecycle.unknown("boundary"))
                .createdAt(Instant.ofEpochMilli(millis))
                .build();
    }

    private static long millis(Deployment deployment) {
        return deployment.createdAt() == null ? 0 : deployment.createdAt().toEpochMilli();
    }
}
