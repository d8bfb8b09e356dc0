package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merged list over random provider answers — deployments sharing a createdAt (whole seconds, as Coolify's),
 * apps listing out of newest-first order (queued jobs first, as Dokploy), providers paging by any size — read with
 * every page size: the pages together hold every deployment exactly once, in the same order whatever the size.
 * The answers are generated from fixed seeds (see {@link Seeded}); a failing case names its seed and its answers.
 */
class ListPagingTest {

    /** One provider connection's answers: its page size and each app's deployments in the order it lists them. */
    record Provider(int pageSize, List<List<Deployment>> apps) {
        /** The page size, then each app's deployments as status and second ({@code -} for no time). */
        @Override
        public String toString() {
            return "pageSize " + pageSize + " "
                    + apps.stream()
                            .map(app -> app.stream()
                                    .map(d -> d.status().name().charAt(0) + "@"
                                            + (d.createdAt() == null
                                                    ? "-"
                                                    : String.valueOf(
                                                            d.createdAt().getEpochSecond() % 60)))
                                    .collect(Collectors.joining(",", "[", "]")))
                            .collect(Collectors.joining(",", "[", "]"));
        }
    }

    /** Providers' answers and the status the list is filtered by. */
    record Filtered(List<Provider> providers, @Nullable Status status) {}

    /** Providers' answers and the page size the list is read with. */
    record Limited(List<Provider> providers, int limit) {}

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("filtered")
    @DisplayName("every page size serves every deployment exactly once, in one order")
    void everyPageSizeServesEachDeploymentOnce(Case<Filtered> input) {
        List<Provider> providers = input.input().providers();
        @Nullable Status status = input.input().status();
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
            assertThat(served).as("%s, limit %d", input, limit).doesNotHaveDuplicates();
            assertThat(served.stream().sorted().toList())
                    .as("%s, limit %d", input, limit)
                    .isEqualTo(expected);
            if (first == null) {
                first = served;
            }
            assertThat(served).as("%s, the order with limit %d", input, limit).isEqualTo(first);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("limited")
    @DisplayName("apps that list newest first merge newest first")
    void newestFirstAppsMergeNewestFirst(Case<Limited> input) {
        List<Provider> providers = input.input().providers();
        int limit = input.input().limit();
        List<Provider> sorted = providers.stream()
                .map(provider -> new Provider(
                        provider.pageSize(),
                        provider.apps().stream()
                                .map(app -> app.stream()
                                        .sorted(Comparator.comparing(ListPagingTest::millis)
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
        assertThat(times).as("%s", input).isSortedAccordingTo(Comparator.reverseOrder());
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

    /** One to three providers, paging by one to five, with one to three apps of up to nine deployments. */
    private static List<Provider> providers(Random random) {
        return Seeded.list(
                random,
                1,
                3,
                r -> new Provider(
                        Seeded.between(r, 1, 5),
                        Seeded.list(r, 1, 3, a -> named(Seeded.list(a, 0, 9, ListPagingTest::deployment)))));
    }

    private static Deployment deployment(Random random) {
        int second = Seeded.between(random, 0, 4); // few seconds: many ties
        Status status = Seeded.oneOf(random, Status.SUCCEEDED, Status.FAILED, Status.QUEUED);
        int noTime = Seeded.between(random, 0, 9);
        return Deployment.builder("x", "app")
                .lifecycle(lifecycle(status))
                .createdAt(
                        noTime == 0
                                ? null
                                : Instant.parse("2026-11-01T00:00:00Z").plusSeconds(second))
                .build();
    }

    /** Edge cases: an app with nothing, one deployment, all in one second, none with a time. */
    private static List<List<Provider>> edgeProviders() {
        Instant time = Instant.parse("2026-11-01T00:00:00Z");
        Deployment queued = Deployment.builder("x", "app")
                .lifecycle(lifecycle(Status.QUEUED))
                .createdAt(time)
                .build();
        Deployment failed = Deployment.builder("x", "app")
                .lifecycle(lifecycle(Status.FAILED))
                .createdAt(time)
                .build();
        Deployment untimed = Deployment.builder("x", "app")
                .lifecycle(lifecycle(Status.SUCCEEDED))
                .build();
        Deployment later = queued.toBuilder().createdAt(time.plusSeconds(4)).build();
        List<Deployment> tied = named(List.of(queued, failed, queued, failed, queued, failed, queued, failed, queued));
        return List.of(
                List.of(new Provider(1, List.of(List.of()))),
                List.of(new Provider(1, List.of(named(List.of(queued))))),
                List.of(new Provider(5, List.of(tied, tied, tied))),
                List.of(new Provider(1, List.of(tied)), new Provider(2, List.of(tied)), new Provider(5, List.of(tied))),
                List.of(new Provider(2, List.of(named(List.of(untimed, queued, untimed, later, failed, untimed))))),
                List.of(new Provider(3, List.of(named(List.of(untimed, untimed, untimed)), List.of()))));
    }

    /** 150 seeded cases, filtered by no status half the time, and the edge cases with each filter. */
    static Stream<Case<Filtered>> filtered() {
        return Stream.concat(
                edgeProviders().stream()
                        .flatMap(providers -> Seeded.edges(
                                new Filtered(providers, null),
                                new Filtered(providers, Status.QUEUED),
                                new Filtered(providers, Status.FAILED))),
                Seeded.cases(
                        150,
                        random -> new Filtered(
                                providers(random),
                                random.nextBoolean() ? null : Seeded.oneOf(random, Status.QUEUED, Status.FAILED))));
    }

    /** 100 seeded cases with a page size of one to twelve, and the edge cases with the smallest and largest. */
    static Stream<Case<Limited>> limited() {
        return Stream.concat(
                edgeProviders().stream()
                        .flatMap(providers -> Seeded.edges(new Limited(providers, 1), new Limited(providers, 12))),
                Seeded.cases(100, random -> new Limited(providers(random), Seeded.between(random, 1, 12))));
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
