package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Status;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One list of deployments across apps and providers, newest first, paged with one opaque cursor whatever each
 * provider's own paging: each app is read through the {@link DeploymentService} only as far as the page needs
 * ({@link AppReader}), and the reads are merged by {@link ListMerge}. A failing provider is reported in {@code
 * errors} while the others' items are still returned; its items come on a later page.
 */
public final class DeploymentLister {

    /** How many provider calls one list request runs at once. */
    static final int FAN_OUT = 16;

    /** One page, with the providers that failed. */
    public record Page(
            List<Located<Deployment>> items, @Nullable String nextCursor, List<Failure> errors) {}

    /** A provider that could not answer this page. */
    public record Failure(String provider, Throwable error) {}

    private record AppsOrFailures(List<GlobalId> apps, List<Failure> failures) {}

    private final DeploymentService service;

    public DeploymentLister(DeploymentService service) {
        this.service = service;
    }

    /** The first page for these apps (all apps of every allowed connection when empty). */
    public Mono<Page> first(ClientPrincipal client, List<GlobalId> appIds, @Nullable Status status, int limit) {
        Mono<AppsOrFailures> apps =
                appIds.isEmpty() ? allApps(client) : Mono.just(new AppsOrFailures(appIds, List.of()));
        return apps.flatMap(found -> {
            List<ListCursor.Position> positions = found.apps().stream()
                    .distinct()
                    .map(app -> ListCursor.Position.first(app.toString()))
                    .toList();
            return page(client, new ListCursor(status, positions), limit)
                    .map(page -> new Page(page.items(), page.nextCursor(), concat(page.errors(), found.failures())));
        });
    }

    /** The page after {@code cursor}. */
    public Mono<Page> next(ClientPrincipal client, String cursor, int limit) {
        return Mono.defer(() -> page(client, ListCursor.decode(cursor), limit));
    }

    /** Every app of every connection the client may use, in configuration order (the merge breaks ties by it). */
    private Mono<AppsOrFailures> allApps(ClientPrincipal client) {
        return Flux.fromIterable(service.usable(client, Capability.APPS))
                .flatMapSequential(
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

    private record Outcome(
            AppReader.Reading reading, @Nullable Failure failure) {}

    private Mono<Page> page(ClientPrincipal client, ListCursor cursor, int limit) {
        return Flux.fromIterable(cursor.apps())
                .map(position -> new AppReader(service, client, position, cursor.status(), limit))
                .flatMapSequential(
                        reader -> reader.read()
                                .map(reading -> new Outcome(reading, null))
                                // a provider's trouble is this app's; the client's own (403, 404 …) is the request's
                                .onErrorResume(
                                        error -> !(error instanceof ApiException),
                                        error -> Mono.just(new Outcome(
                                                new AppReader.Reading(ListMerge.AppRead.failure(reader.start()), null),
                                                new Failure(reader.app().connection(), error)))),
                        FAN_OUT)
                .collectList()
                .map(outcomes -> toPage(cursor, outcomes, limit));
    }

    private static Page toPage(ListCursor cursor, List<Outcome> outcomes, int limit) {
        List<ListMerge.AppRead> reads =
                outcomes.stream().map(outcome -> outcome.reading().read()).toList();
        ListMerge.Result merged = ListMerge.merge(reads, cursor.status(), limit);
        List<Located<Deployment>> items = merged.items().stream()
                .map(served ->
                        new Located<>(outcomes.get(served.app()).reading().handle(), served.deployment()))
                .toList();
        List<Failure> failures = outcomes.stream()
                .map(Outcome::failure)
                .filter(failure -> failure != null)
                .toList();
        List<ListCursor.Position> positions = merged.positions();
        boolean more = !positions.isEmpty() && !(items.isEmpty() && failures.size() == positions.size());
        return new Page(items, more ? new ListCursor(cursor.status(), positions).encode() : null, failures);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
