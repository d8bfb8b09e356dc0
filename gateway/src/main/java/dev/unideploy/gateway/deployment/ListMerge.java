package dev.unideploy.gateway.deployment;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The merged deployment list, without I/O: a k-way merge of the apps' own streams that serves, at each step, the
 * newest of the apps' next items (createdAt, newest first; on a tie the app listed first; a missing createdAt counts
 * as oldest). Each app's stream is consumed in its adapter's order, so every item is served exactly once even where
 * an adapter's order is not newest first (Dokploy lists queued jobs first) or items share a createdAt (Coolify's
 * whole seconds); and because the merge depends only on where each app stands, pages of any size concatenate to
 * the same list.
 */
final class ListMerge {

    private ListMerge() {}

    /** One item an app's reading yielded: the deployment, and where it stands in that app's paging. */
    record Entry(Deployment deployment, @Nullable String token, int index) {}

    /**
     * What reading one app yielded for this page.
     *
     * @param start where the app stood before this page
     * @param entries the items read from there, in the app's order (matching the status filter or not)
     * @param resume where the app continues once every entry is consumed; null when it has nothing more
     * @param failed true when the app could not be read (it keeps its position; its items come on a later page)
     */
    record AppRead(
            ListCursor.Position start, List<Entry> entries, ListCursor.@Nullable Position resume, boolean failed) {

        static AppRead failure(ListCursor.Position start) {
            return new AppRead(start, List.of(), start, true);
        }
    }

    /** An item served: which app (index into the reads) and the deployment. */
    record Served(int app, Deployment deployment) {}

    /** A page: the items served in order, and where each app not yet exhausted continues (in the reads' order). */
    record Result(List<Served> items, List<ListCursor.Position> positions) {}

    /** Where to start in a page read at {@code position}: after its anchor where the anchor is found, else at skip. */
    static int startOf(ListCursor.Position position, List<Deployment> page) {
        if (position.anchor() != null) {
            for (int index = 0; index < page.size(); index++) {
                if (page.get(index).id().equals(position.anchor())) {
                    return index + 1;
                }
            }
        }
        return Math.min(position.skip(), page.size());
    }

    /** Up to {@code limit} items matching {@code status} (null: any). */
    static Result merge(List<AppRead> reads, @Nullable Status status, int limit) {
        int[] next = new int[reads.size()];
        List<Served> served = new ArrayList<>();
        boolean stalled = false;
        while (served.size() < limit && !stalled) {
            int best = -1;
            for (int app = 0; app < reads.size() && !stalled; app++) {
                AppRead read = reads.get(app);
                if (read.failed()) {
                    continue;
                }
                while (next[app] < read.entries().size()
                        && !matches(read.entries().get(next[app]), status)) {
                    next[app]++;
                }
                if (next[app] == read.entries().size()) {
                    // an app read only partly may hold a newer item than any other's next: stop this page here
                    stalled = read.resume() != null;
                } else if (best < 0 || newer(head(reads, next, app), head(reads, next, best))) {
                    best = app;
                }
            }
            if (best < 0 || stalled) {
                break;
            }
            served.add(new Served(best, head(reads, next, best)));
            next[best]++;
        }
        List<ListCursor.Position> positions = new ArrayList<>();
        for (int app = 0; app < reads.size(); app++) {
            ListCursor.Position position = positionAfter(reads.get(app), next[app]);
            if (position != null) {
                positions.add(position);
            }
        }
        return new Result(List.copyOf(served), List.copyOf(positions));
    }

    /** Where an app continues after its first {@code consumed} entries; null when it has nothing more. */
    private static ListCursor.@Nullable Position positionAfter(AppRead read, int consumed) {
        if (read.failed()) {
            return read.start();
        }
        if (consumed == read.entries().size()) {
            return read.resume();
        }
        if (consumed == 0) {
            return read.start();
        }
        Entry following = read.entries().get(consumed);
        String anchor = read.entries().get(consumed - 1).deployment().id();
        return new ListCursor.Position(read.start().app(), following.token(), following.index(), anchor);
    }

    private static Deployment head(List<AppRead> reads, int[] next, int app) {
        return reads.get(app).entries().get(next[app]).deployment();
    }

    private static boolean matches(Entry entry, @Nullable Status status) {
        return status == null || entry.deployment().status() == status;
    }

    /** Strictly newer: on equal createdAt the app listed first (the one already chosen) wins. */
    private static boolean newer(Deployment candidate, Deployment best) {
        return millis(candidate) > millis(best);
    }

    private static long millis(Deployment deployment) {
        Instant created = deployment.createdAt();
        return created == null ? Long.MIN_VALUE : created.toEpochMilli();
    }
}
