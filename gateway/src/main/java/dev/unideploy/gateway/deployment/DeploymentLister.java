package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One list of deployments across apps and providers, newest first, paged with one opaque cursor whatever each
 * provider's own paging. Each app's stream is read only as far as the page needs; a failing provider is reported
 * in {@code errors} while the others' items are still returned.
 */
public final class DeploymentLister {

    /** How many provider pages one app may read for one client page before the page is cut short. */
    static final int MAX_PAGES_PER_APP = 4;

    /**
     * One page size for every provider read, whatever the client's limit: page-number tokens (Dooor) only mean the
     * same items again when the size is the same.
     */
    static final int PROVIDER_PAGE_SIZE = 50;

    /** How many provider calls one list request runs at once. */
    static final int FAN_OUT = 16;

    /**
     * Where a deployment stands in the list: createdAt to the millisecond (as the cursor keeps it), then id. The
     * natural order is newest first.
     */
    record Order(long millis, String id) implements Comparable<Order> {

        static final Comparator<Order> NEWEST_FIRST =
                Comparator.comparingLong(Order::millis).thenComparing(Order::id).reversed();

        static Order of(Deployment deployment) {
            Instant created = deployment.createdAt();
            return new Order(created == null ? 0 : created.toEpochMilli(), deployment.id());
        }

        @Override
        public int compareTo(Order other) {
            return NEWEST_FIRST.compare(this, other);
        }
    }

    /** One page, with the providers that failed. */
    public record Page(
            List<Located<Deployment>> items, @Nullable String nextCursor, List<Failure> errors) {}

    /** A provider that could not answer this page. */
    public record Failure(String provider, Throwable error) {}

    private record Candidate(
            Located<Deployment> item, @Nullable String token, int index) {
        Order order() {
            return Order.of(item.value());
        }
    }

    /** What one app yielded: candidates in order, where reading stopped, and whether the app is exhausted. */
    private record Buffer(
            GlobalId app,
            ListCursor.Position start,
            List<Candidate> candidates,
            ListCursor.@Nullable Position resume,
            @Nullable Deployment lastExamined,
            @Nullable Failure failure) {

        boolean exhausted() {
            return resume == null && failure == null;
        }
    }

    private final ProviderRegistry registry;
    private final DeploymentService service;

    public DeploymentLister(ProviderRegistry registry, DeploymentService service) {
        this.registry = registry;
        this.service = service;
    }

    /** The first page for these apps (all apps of every allowed connection when empty). */
    public Mono<Page> first(ClientPrincipal client, List<GlobalId> appIds, @Nullable Status status, int limit) {
        Mono<AppsOrFailures> apps =
                appIds.isEmpty() ? allApps(client) : Mono.just(new AppsOrFailures(appIds, List.of()));
        return apps.flatMap(found -> {
            List<ListCursor.Position> positions = found.apps().stream()
                    .distinct()
                    .map(app -> new ListCursor.Position(app.toString(), null, 0))
                    .toList();
            return page(client, new ListCursor(status, null, null, positions), limit)
                    .map(page -> found.failures().isEmpty() ? page : withFailures(page, found.failures()));
        });
    }

    /** The page after {@code cursor}. */
    public Mono<Page> next(ClientPrincipal client, String cursor, int limit) {
        return Mono.defer(() -> page(client, ListCursor.decode(cursor), limit));
    }

    private record AppsOrFailures(List<GlobalId> apps, List<Failure> failures) {}

    private Mono<AppsOrFailures> allApps(ClientPrincipal client) {
        return Flux.fromIterable(registry.all())
                .filter(handle -> client.mayUse(handle.id()) && handle.support(Capability.APPS) != Support.UNSUPPORTED)
                .flatMap(
                        handle -> service.apps(client, handle)
                                .map(apps -> new AppsOrFailures(
                                        apps.value().stream()
                                                .map(app -> new GlobalId(handle.id(), app.id()))
                                                .toList(),
                                        List.of()))
                                .onErrorResume(error -> Mono.just(
                                        new AppsOrFailures(List.of(), List.of(new Failure(handle.id(), error))))),
                        FAN_OUT)
                .reduce(
                        new AppsOrFailures(List.of(), List.of()),
                        (a, b) -> new AppsOrFailures(concat(a.apps(), b.apps()), concat(a.failures(), b.failures())));
    }

    private Mono<Page> page(ClientPrincipal client, ListCursor cursor, int limit) {
        return Flux.fromIterable(cursor.apps())
                .flatMapSequential(position -> read(client, cursor, position, limit), FAN_OUT)
                .collectList()
                .map(buffers -> merge(cursor, buffers, limit));
    }

    /** Reads one app from its position until it has {@code limit} candidates, is exhausted, or hits the page cap. */
    private Mono<Buffer> read(ClientPrincipal client, ListCursor cursor, ListCursor.Position position, int limit) {
        GlobalId app = GlobalId.parse("cursor", position.app());
        ProviderHandle handle = service.resolve(client, app.connection());
        return readPages(
                        position,
                        handle,
                        app,
                        cursor,
                        position.token(),
                        position.skip(),
                        limit,
                        new ArrayList<>(),
                        null,
                        MAX_PAGES_PER_APP)
                .onErrorResume(error -> Mono.just(new Buffer(
                        app,
                        position,
                        List.of(),
                        position,
                        null,
                        new Failure(handle.id(), ProviderCallException.tag(handle.id(), error)))));
    }

    private Mono<Buffer> readPages(
            ListCursor.Position start,
            ProviderHandle handle,
            GlobalId app,
            ListCursor cursor,
            @Nullable String token,
            int skip,
            int limit,
            List<Candidate> candidates,
            @Nullable Deployment lastExamined,
            int pagesLeft) {
        return handle.require(Capability.LIST)
                .flatMap(h -> h.adapter().listDeployments(app.local(), token, PROVIDER_PAGE_SIZE))
                .flatMap((DeploymentPage page) -> service.ledger()
                        .apply(handle.id(), page.items())
                        .map(items -> new DeploymentPage(items, page.nextPageToken())))
                .flatMap((DeploymentPage page) -> {
                    Deployment examined = lastExamined;
                    List<Deployment> items = page.items();
                    for (int index = skip; index < items.size(); index++) {
                        Deployment item = items.get(index);
                        examined = item;
                        if (after(cursor, item) && (cursor.status() == null || item.status() == cursor.status())) {
                            candidates.add(new Candidate(new Located<>(handle, item), token, index));
                        }
                    }
                    if (page.nextPageToken() == null) {
                        return Mono.just(new Buffer(app, start, candidates, null, examined, null));
                    }
                    if (candidates.size() >= limit || pagesLeft <= 1) {
                        return Mono.just(new Buffer(
                                app,
                                start,
                                candidates,
                                new ListCursor.Position(app.toString(), page.nextPageToken(), 0),
                                examined,
                                null));
                    }
                    return readPages(
                            start,
                            handle,
                            app,
                            cursor,
                            page.nextPageToken(),
                            0,
                            limit,
                            candidates,
                            examined,
                            pagesLeft - 1);
                });
    }

    /** True when {@code item} comes after (is older than) the last item already served. */
    private static boolean after(ListCursor cursor, Deployment item) {
        return cursor.boundaryId() == null
                || cursor.boundaryMillis() == null
                || Order.of(item).compareTo(new Order(cursor.boundaryMillis(), cursor.boundaryId())) > 0;
    }

    private Page merge(ListCursor cursor, List<Buffer> buffers, int limit) {
        // An app read only partly (page cap, or failure) may still hold items newer than others' later ones: serve
        // nothing older than where its reading stopped.
        Order horizon = buffers.stream()
                .filter(buffer -> buffer.failure() == null
                        && !buffer.exhausted()
                        && buffer.candidates().size() < limit)
                .map(Buffer::lastExamined)
                .filter(Objects::nonNull)
                .map(Order::of)
                .min(Comparator.naturalOrder()) // the newest: anything older may still hide in that app's unread pages
                .orElse(null);
        List<Candidate> all = new ArrayList<>();
        buffers.forEach(buffer -> all.addAll(buffer.candidates()));
        all.sort(Comparator.comparing(Candidate::order));
        List<Candidate> served = all.stream()
                .filter(c -> horizon == null || c.order().compareTo(horizon) <= 0)
                .limit(limit)
                .toList();

        Set<Candidate> servedSet = Collections.newSetFromMap(new IdentityHashMap<>());
        servedSet.addAll(served);
        List<ListCursor.Position> positions = buffers.stream()
                .map(buffer -> nextPosition(buffer, servedSet))
                .filter(Objects::nonNull)
                .toList();
        Candidate last = served.isEmpty() ? null : served.get(served.size() - 1);
        ListCursor next = new ListCursor(
                cursor.status(),
                last == null
                        ? cursor.boundaryMillis()
                        : Long.valueOf(last.order().millis()),
                last == null ? cursor.boundaryId() : last.item().value().id(),
                positions);
        List<Failure> failures =
                buffers.stream().map(Buffer::failure).filter(Objects::nonNull).toList();
        boolean more = !positions.isEmpty() && !(served.isEmpty() && failures.size() == positions.size());
        return new Page(served.stream().map(Candidate::item).toList(), more ? next.encode() : null, failures);
    }

    /**
     * Where an app continues: after its last served item; where it stopped reading if all its candidates were
     * served (or none qualified); unchanged if it failed or none of its candidates made this page. Null: exhausted.
     */
    private static ListCursor.@Nullable Position nextPosition(Buffer buffer, Set<Candidate> served) {
        if (buffer.failure() != null) {
            return buffer.start();
        }
        Candidate lastServed = null;
        for (Candidate candidate : buffer.candidates()) {
            if (served.contains(candidate)) {
                lastServed = candidate;
            }
        }
        if (lastServed == null) {
            return buffer.candidates().isEmpty() ? buffer.resume() : buffer.start();
        }
        boolean servedAll =
                lastServed == buffer.candidates().get(buffer.candidates().size() - 1);
        return servedAll
                ? buffer.resume()
                : new ListCursor.Position(buffer.app().toString(), lastServed.token(), lastServed.index() + 1);
    }

    private static Page withFailures(Page page, List<Failure> failures) {
        return new Page(page.items(), page.nextCursor(), concat(page.errors(), failures));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
