package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.unideploy.adapter.dokploy.DokployFixtures.NOW;
import static dev.unideploy.adapter.dokploy.DokployFixtures.array;
import static dev.unideploy.adapter.dokploy.DokployFixtures.job;
import static dev.unideploy.adapter.dokploy.DokployFixtures.renamed;
import static dev.unideploy.adapter.dokploy.DokployFixtures.row;
import static dev.unideploy.adapter.dokploy.DokployFixtures.triggered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An application's list: every deployment once, under the id the gateway serves it by, newest first. */
class DokployListingTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    @DisplayName("rows under the ids their triggers returned (remembered or titled); our queued jobs; newest first")
    void rowsUnderTheirTriggeredIds() {
        Correlations memory = Correlations.inMemory();
        DokployTriggeredId remembered = triggered(NOW.minusSeconds(60), "c-1");
        DokployTriggeredId running = triggered(NOW.minusSeconds(30), "c-2");
        DokployTriggeredId queued = triggered(NOW, "c-3");
        memory.remember("d:" + remembered, "r3").block();
        memory.remember("r:r3", remembered.toString()).block();
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson(array(
                        row("r4", running.title(), "running", NOW.minusSeconds(29)),
                        renamed("r3", "done", NOW.minusSeconds(59)),
                        row("r1", "Manual deployment", "done", NOW.minusSeconds(600))))));
        dokploy.stubFor(get("/api/deployment.queueList")
                .willReturn(okJson(array(
                        job("job-9", queued.title(), "waiting", NOW),
                        job("job-8", "Manual deployment", "waiting", NOW.minusMillis(1)),
                        job("job-7", running.title(), "active", NOW.minusSeconds(30))))));

        DeploymentPage page = DokployFixtures.adapter(dokploy.baseUrl(), memory)
                .listDeployments("dok-web", null, 10)
                .block();

        assertThat(page.items())
                .extracting(Deployment::id)
                .containsExactly(queued.toString(), running.toString(), remembered.toString(), "dok-web.r1");
        assertThat(page.items())
                .extracting(Deployment::status)
                .containsExactly(Status.QUEUED, Status.IN_PROGRESS, Status.SUCCEEDED, Status.SUCCEEDED);
        assertThat(page.nextPageToken()).isNull();
        assertThat(memory.recall("d:" + running).block())
                .as("a title seen is remembered")
                .isEqualTo("r4");
    }

    @Test
    @DisplayName("a page token this adapter did not make is bad input")
    void malformedToken() {
        DokployAdapter adapter = DokployFixtures.adapter(dokploy.baseUrl(), Correlations.inMemory());
        for (String token : List.of("3", "x:y", ":id", "12:")) {
            assertThatThrownBy(
                            () -> adapter.listDeployments("dok-web", token, 5).block())
                    .as(token)
                    .isInstanceOf(ProviderException.InvalidRequest.class);
        }
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 300).boxed();
    }

    /** A random application: rows with tied creation times, titled, renamed or claimed; jobs queued and active. */
    private record Generated(DokployView view, DokployMemory memory, int expected) {}

    private static Generated generate(Random random) {
        Correlations correlations = Correlations.inMemory();
        List<String> rows = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        int expected = 0;
        int rowCount = random.nextInt(13);
        for (int i = 0; i < rowCount; i++) {
            String id = "r" + i + "x" + random.nextInt(1000);
            var created = NOW.plusSeconds(random.nextInt(4)); // few distinct instants: many ties
            switch (random.nextInt(4)) {
                case 0 -> rows.add(row(id, triggered(created, "t" + i).title(), "running", created));
                case 1 -> {
                    DokployTriggeredId claimer = triggered(created.minusSeconds(1), "k" + i);
                    correlations.remember("r:" + id, claimer.toString()).block();
                    rows.add(renamed(id, "done", created));
                }
                case 2 -> rows.add(renamed(id, "error", created));
                default -> rows.add(row(id, "Manual deployment", "done", created));
            }
            expected++;
        }
        int jobCount = random.nextInt(5);
        for (int i = 0; i < jobCount; i++) {
            var queuedAt = NOW.plusSeconds(random.nextInt(4));
            switch (random.nextInt(3)) {
                case 0 -> {
                    jobs.add(job("job-" + i, triggered(queuedAt, "q" + i).title(), "waiting", queuedAt));
                    expected++;
                }
                case 1 -> jobs.add(job("job-" + i, "Manual deployment", "waiting", queuedAt));
                default ->
                    jobs.add(job(
                            "job-" + i,
                            "other-app",
                            triggered(queuedAt, "o" + i).title(),
                            "waiting",
                            queuedAt));
            }
        }
        DokployView view = DokployView.of(
                "dok-web",
                DokployJson.parse(array(rows.toArray(String[]::new))),
                DokployJson.parse(array(jobs.toArray(String[]::new))));
        return new Generated(view, new DokployMemory(correlations), expected);
    }

    private static List<String> ids(List<Deployment> items) {
        return items.stream().map(Deployment::id).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("property: every deployment once, newest first (ties by id), and every page size pages it whole")
    void everyPageSizePagesTheWholeList(int seed) {
        Random random = new Random(seed);
        Generated app = generate(random);
        List<Deployment> all = DokployListing.all(app.view(), app.memory()).block();

        assertThat(ids(all)).doesNotHaveDuplicates().hasSize(app.expected());
        for (int i = 1; i < all.size(); i++) {
            assertThat(DokployListing.NEWEST_FIRST.compare(all.get(i - 1), all.get(i)))
                    .as("order at %d", i)
                    .isNegative();
        }
        for (int limit = 1; limit <= all.size() + 1; limit++) {
            List<String> paged = new ArrayList<>();
            @Nullable String token = null;
            for (int pages = 0; pages <= all.size() + 1; pages++) {
                DeploymentPage page = DokployListing.slice(all, token, limit);
                paged.addAll(ids(page.items()));
                if (page.nextPageToken() == null) {
                    break;
                }
                token = page.nextPageToken();
            }
            assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(ids(all));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("property: a deployment made between two pages neither repeats nor hides an older one")
    void newDeploymentsBetweenPages(int seed) {
        Random random = new Random(seed);
        Generated app = generate(random);
        List<Deployment> before = DokployListing.all(app.view(), app.memory()).block();
        int limit = 1 + random.nextInt(4);
        DeploymentPage first = DokployListing.slice(before, null, limit);
        List<Deployment> after = new ArrayList<>(before);
        DokployTriggeredId newer = triggered(NOW.plusSeconds(10), "new");
        after.add(
                0,
                Deployment.builder(newer.toString(), "dok-web")
                        .lifecycle(dev.unideploy.spi.Lifecycle.queued("waiting"))
                        .createdAt(NOW.plusSeconds(10))
                        .build());

        Set<String> seen = new HashSet<>(ids(first.items()));
        String token = first.nextPageToken();
        while (token != null) {
            DeploymentPage page = DokployListing.slice(after, token, limit);
            page.items()
                    .forEach(item -> assertThat(seen.add(item.id()))
                            .as("repeated " + item.id())
                            .isTrue());
            token = page.nextPageToken();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids(before));
    }
}
