package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Status;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads one app's deployments for one page of the merged list, from where the app stands, through the {@link
 * DeploymentService}: page after page until it holds as many items of the status asked for as the page may serve,
 * the app has no more, or it has read {@link #MAX_PAGES} pages. One reader reads once.
 */
final class AppReader {

    /** How many provider pages one app may read for one client page before the page is cut short. */
    static final int MAX_PAGES = 4;

    /** The smallest provider page asked for, so that a status filter over many rows does not page item by item. */
    static final int MIN_PAGE_SIZE = 50;

    /** What was read, and from which connection. */
    record Reading(ListMerge.AppRead read, @Nullable ProviderHandle handle) {}

    private final DeploymentService service;
    private final ClientPrincipal client;
    private final ListCursor.Position start;
    private final GlobalId app;
    private final @Nullable Status status;
    private final int wanted;
    private final List<ListMerge.Entry> entries = new ArrayList<>();
    private int matching;
    private @Nullable String lastSeen;

    AppReader(
            DeploymentService service,
            ClientPrincipal client,
            ListCursor.Position start,
            @Nullable Status status,
            int wanted) {
        this.service = service;
        this.client = client;
        this.start = start;
        this.app = GlobalId.parse("cursor", start.app());
        this.status = status;
        this.wanted = wanted;
        this.lastSeen = start.anchor();
    }

    Mono<Reading> read() {
        return page(start.token(), MAX_PAGES, true);
    }

    private Mono<Reading> page(@Nullable String token, int pagesLeft, boolean first) {
        int size = Math.min(100, Math.max(wanted, MIN_PAGE_SIZE));
        return service.page(client, app, token, size).flatMap(located -> {
            List<Deployment> items = located.value().items();
            for (int index = first ? ListMerge.startOf(start, items) : 0; index < items.size(); index++) {
                Deployment item = items.get(index);
                entries.add(new ListMerge.Entry(item, token, index));
                matching += status == null || item.status() == status ? 1 : 0;
            }
            if (!items.isEmpty()) {
                lastSeen = items.get(items.size() - 1).id();
            }
            String next = located.value().nextPageToken();
            if (next != null && matching < wanted && pagesLeft > 1) {
                return page(next, pagesLeft - 1, false);
            }
            ListCursor.Position resume = next == null ? null : new ListCursor.Position(start.app(), next, 0, lastSeen);
            return Mono.just(
                    new Reading(new ListMerge.AppRead(start, List.copyOf(entries), resume, false), located.provider()));
        });
    }

    GlobalId app() {
        return app;
    }

    ListCursor.Position start() {
        return start;
    }
}
