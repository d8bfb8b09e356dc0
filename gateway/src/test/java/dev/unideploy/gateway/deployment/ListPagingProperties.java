package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * The merged list over random provider answers — deployments sharing a createdAt (whole seconds, as Coolify's),
 * apps listing out of newest-first order (queued jobs first, as Dokploy), providers paging by any size — read with
 * every page size: the pages together hold every deployment exactly once, in the same order whatever the size.
 */
class ListPagingProperties {

    /** One provider connection's answers: its page size and each app's deployments in the order it lists them. */
    record Provider(int pageSize, List<List<Deployment>> apps) {}

    @Property(tries = 150)
    @Label("every page size serves every deployment exactly once, in one order")
    void everyPageSizeServesEachDeploymentOnce(
            @ForAll("providers") List<Provider> providers, @ForAll("filters") @Nullable Status status) {
        List<ScriptedAdapter> adapters = adapters(providers);
        DeploymentService service = Connections.service(adapters.toArray(ScriptedAdapter[]::new));
        List<GlobalId> apps = appIds(adapters);
        List<String> expected = adapters.stream()
                .flatMap(adapter -> adapter.apps.values().stream()
                        .flatMap(List::stream)
                        .filter(d -> status == null || d.status() == status)
                        .map(d -> adapter.connection().id() + ":" + d.id()))
                .sorted()
                .toList();

        List<String> first = null;
        for (int limit = 1; limit <= expected.size() + 1; limit++) {
            List<String> served = readAll(new DeploymentLister(service), apps, status, limit);
            assertThat(served).as("limit %d", limit).doesNotHaveDuplicates();
            assertThat(served.stream().sorted().toList()).as("limit %d", limit).isEqualTo(expected);
            if (first == null) {
                first = served;
            }
            assertThat(served).as("the order with limit %d", limit).isEqualTo(first);
        }
    }

    @Property(tries = 100)
    @Label("apps that list newest first merge newest first")
    void newestFirstAppsMergeNewestFirst(@ForAll("providers") List<Provider> providers, @ForAll("limits") int limit) {
        List<Provider> sorted = providers.stream()
                .map(provider -> new Provider(
                        provider.pageSize(),
                        provider.apps().stream()
                                .map(app -> app.stream()
                                        .sorted(Comparator.comparing(ListPagingProperties::millis)
                                                .reversed())
                                        .toList())
                                .toList()))
                .toList();
        List<ScriptedAdapter> adapters = adapters(sorted);
        DeploymentService service = Connections.service(adapters.toArray(ScriptedAdapter[]::new));
        List<Long> times = new ArrayList<>();
        DeploymentLister lister = new DeploymentLister(service);
        DeploymentLister.Page page =
                lister.first(Connections.CLIENT, appIds(adapters), null, limit).block();
        for (int pages = 0; page != null; pages++) {
            page.items().forEach(item -> times.add(millis(item.value())));
            page = page.nextCursor() == null || pages > 500
                    ? null
                    : lister.next(Connections.CLIENT, page.nextCursor(), limit).block();
        }
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
    }

    static List<String> readAll(DeploymentLister lister, List<GlobalId> apps, @Nullable Status status, int limit) {
        List<String> served = new ArrayList<>();
        DeploymentLister.Page page =
                lister.first(Connections.CLIENT, apps, status, limit).block();
        for (int pages = 0; page != null; pages++) {
            assertThat(page.errors()).isEmpty();
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items()
                    .forEach(item ->
                            served.add(item.provider().id() + ":" + item.value().id()));
            assertThat(pages).as("pages read").isLessThan(1000);
            page = page.nextCursor() == null
                    ? null
                    : lister.next(Connections.CLIENT, page.nextCursor(), limit).block();
        }
        return served;
    }

    private static long millis(Deployment deployment) {
        return deployment.createdAt() == null
                ? Long.MIN_VALUE
                : deployment.createdAt().toEpochMilli();
    }

    private static List<ScriptedAdapter> adapters(List<Provider> providers) {
        List<ScriptedAdapter> adapters = new ArrayList<>();
        for (int p = 0; p < providers.size(); p++) {
            ScriptedAdapter adapter =
                    new ScriptedAdapter("p" + p, providers.get(p).pageSize(), Set.of(Capability.LIST, Capability.GET));
            for (int a = 0; a < providers.get(p).apps().size(); a++) {
                String app = "app" + a;
                adapter.apps.put(
                        app,
                        providers.get(p).apps().get(a).stream()
                                .map(d -> d.toBuilder()
                                        .id(app + "-" + d.id())
                                        .appId(app)
                                        .build())
                                .toList());
            }
            adapters.add(adapter);
        }
        return adapters;
    }

    private static List<GlobalId> appIds(List<ScriptedAdapter> adapters) {
        return adapters.stream()
                .flatMap(adapter -> adapter.apps.keySet().stream()
                        .sorted()
                        .map(app -> new GlobalId(adapter.connection().id(), app)))
                .toList();
    }

    @Provide
    Arbitrary<List<Provider>> providers() {
        Arbitrary<Deployment> deployment = Combinators.combine(
                        Arbitraries.integers().between(0, 4), // few seconds: many ties
                        Arbitraries.of(Status.SUCCEEDED, Status.FAILED, Status.QUEUED),
                        Arbitraries.integers().between(0, 9))
                .as((second, status, noTime) -> Deployment.builder("x", "app")
                        .lifecycle(lifecycle(status))
                        .createdAt(
                                noTime == 0
                                        ? null
                                        : Instant.parse("2026-11-01T00:00:00Z").plusSeconds(second))
                        .build());
        Arbitrary<List<Deployment>> app = deployment.list().ofMaxSize(9).map(ListPagingProperties::named);
        Arbitrary<Provider> provider = Combinators.combine(
                        Arbitraries.integers().between(1, 5),
                        app.list().ofMinSize(1).ofMaxSize(3))
                .as(Provider::new);
        return provider.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<@Nullable Status> filters() {
        return Arbitraries.of(Status.QUEUED, Status.FAILED).injectNull(0.5);
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 12);
    }

    /** Unique ids in the app's (provider's) order, which is random: the order is not newest first. */
    private static List<Deployment> named(List<Deployment> deployments) {
        List<Deployment> named = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            named.add(deployments.get(i).toBuilder().id("d" + i).build());
        }
        return named;
    }

    private static Lifecycle lifecycle(Status status) {
        return switch (status) {
            case QUEUED -> Lifecycle.queued("queued");
            case FAILED -> Lifecycle.failed("failed");
            default -> Lifecycle.succeeded("finished");
        };
    }
}
