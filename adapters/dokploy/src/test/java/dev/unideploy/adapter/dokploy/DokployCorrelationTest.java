package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TriggerRequest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A triggered deployment keeps its id for its whole life: found by its title while Dokploy shows it, remembered,
 * and found by its trigger instant when Dokploy renamed the row and nothing was remembered.
 */
class DokployCorrelationTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String ROWS = "/api/deployment.all?applicationId=dok-web";
    private static final String QUEUE = "/api/deployment.queueList";

    private Correlations memory;
    private DokployAdapter adapter;

    @BeforeEach
    void setUp() {
        memory = Correlations.inMemory();
        adapter = DokployFixtures.adapter(dokploy.baseUrl(), memory);
    }

    private void rows(String... rows) {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(rows))));
    }

    private void queue(String... jobs) {
        dokploy.stubFor(get(QUEUE).willReturn(okJson(array(jobs))));
    }

    @Test
    @DisplayName("trigger sends the title of the id it answers, and remembers where the job stands in the queue")
    void triggerAnswersTheQueuedJobUnderItsId() {
        DokployTriggeredId id = triggered(NOW, "c-1");
        dokploy.stubFor(post("/api/application.deploy").willReturn(ok()));
        rows(row("r1", "Manual", "running"));
        queue(
                job("job-9", id.title(), "waiting", NOW.plusMillis(20)),
                job("job-8", "unideploy-other", "waiting", NOW.minusMillis(5)),
                job("job-7", "Manual", "active", NOW.minusSeconds(9)));

        Deployment deployment = adapter.trigger(new TriggerRequest("dok-web", Source.EMPTY, null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo(id.toString()).startsWith("dok-web.~");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("waiting");
        assertThat(memory.recall("t:" + id).block())
                .isEqualTo(NOW.plusMillis(20).toEpochMilli() + ",1");
        dokploy.verify(postRequestedFor(urlEqualTo("/api/application.deploy"))
                .withRequestBody(equalToJson("{\"applicationId\":\"dok-web\",\"title\":\"" + id.title()
                        + "\",\"description\":\"${json-unit.any-string}\"}")));
    }

    @Test
    @DisplayName("a trigger Dokploy shows nowhere yet answers queued under its id, claiming nothing")
    void triggerNotVisibleYet() {
        dokploy.stubFor(post("/api/application.deploy").willReturn(ok()));
        rows(renamed("r1", "done", NOW.plusSeconds(1)));
        queue();

        Deployment deployment = adapter.trigger(new TriggerRequest("dok-web", Source.EMPTY, null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo(triggered(NOW, "c-1").toString());
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        assertThat(memory.recall("r:r1").block()).isNull();
    }

    @Test
    @DisplayName("the id follows its row after Dokploy renames it: remembered while the title matched")
    void theIdOutlivesTheTitle() {
        DokployTriggeredId id = triggered(NOW, "c-1");
        rows(row("r2", id.title(), "running", NOW.plusSeconds(30)), row("r1", "Manual", "done"));
        queue(job("job-1", id.title(), "active", NOW));
        assertThat(adapter.getDeployment(id.toString()).block().status()).isEqualTo(Status.IN_PROGRESS);

        rows(renamed("r2", "done", NOW.plusSeconds(30)), row("r1", "Manual", "done"));
        queue();
        Deployment done = adapter.getDeployment(id.toString()).block();

        assertThat(done.id()).isEqualTo(id.toString());
        assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(done.source().commitSha()).isEqualTo("6f87c0ffee");
        assertThat(memory.recall("d:" + id).block()).isEqualTo("r2");
        assertThat(adapter.getDeployment("dok-web.r2").block().id())
                .as("the row's own id answers under the id it was triggered by")
                .isEqualTo(id.toString());
    }

    @Test
    @DisplayName("with nothing remembered, the row is the first created since the trigger that no other id claimed")
    void foundByTriggerInstant() {
        DokployTriggeredId first = triggered(NOW, "c-1");
        DokployTriggeredId second = triggered(NOW.plusSeconds(3), "c-2");
        rows(
                renamed("r4", "done", NOW.plusSeconds(5)),
                renamed("r3", "done", NOW.plusMillis(1500)),
                renamed("r2", "done", NOW.minusSeconds(10)));
        queue();

        assertThat(adapter.getDeployment(second.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r4");
        Deployment found = adapter.getDeployment(first.toString()).block();

        assertThat(found.id()).isEqualTo(first.toString());
        assertThat(found.raw().get("deploymentId").asString()).isEqualTo("r3");
        assertThat(memory.recall("r:r3").block()).isEqualTo(first.toString());
        assertThat(memory.recall("r:r4").block()).isEqualTo(second.toString());
    }

    @Test
    @DisplayName("two triggers a moment apart, nothing remembered: each takes its own row, whichever is asked first")
    void backToBackTriggers() {
        DokployTriggeredId first = triggered(NOW, "c-1");
        DokployTriggeredId second = triggered(NOW.plusMillis(50), "c-2");
        rows(renamed("r2", "done", NOW.plusMillis(1600)), renamed("r1", "error", NOW.plusMillis(10)));
        queue();

        assertThat(adapter.getDeployment(second.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r2");
        assertThat(adapter.getDeployment(first.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r1");
    }

    @Test
    @DisplayName("claimed rows and rows titled for another id are never taken by trigger instant")
    void claimedAndTitledRowsAreSkipped() {
        DokployTriggeredId mine = triggered(NOW, "c-1");
        DokployTriggeredId other = triggered(NOW.minusSeconds(30), "c-0");
        memory.remember("r:r2", "dok-web.r-someone").block();
        rows(
                renamed("r4", "done", NOW.plusSeconds(9)),
                row("r3", other.title(), "running", NOW.plusSeconds(4)),
                renamed("r2", "done", NOW.plusSeconds(2)));
        queue();

        assertThat(adapter.getDeployment(mine.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r4");
    }

    @Test
    @DisplayName("the rows of jobs that waited ahead of ours are skipped; Dokploy's own clock is used when known")
    void jobsAheadAreSkipped() {
        DokployTriggeredId id = triggered(NOW, "c-1");
        memory.remember("t:" + id, NOW.plusSeconds(1).toEpochMilli() + ",1").block();
        rows(
                renamed("r3", "done", NOW.plusSeconds(8)),
                renamed("r2", "done", NOW.plusSeconds(4)),
                renamed("r1", "done", NOW.plusMillis(500)));
        queue();

        assertThat(adapter.getDeployment(id.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .as("r1 began before our job was queued; r2 is the job that waited ahead")
                .isEqualTo("r3");
    }

    @Test
    @DisplayName("a gateway clock up to a second ahead of Dokploy's still finds the row")
    void clockSkew() {
        DokployTriggeredId id = triggered(NOW, "c-1");
        rows(renamed("r1", "done", NOW.minusMillis(700)));
        queue();

        assertThat(adapter.getDeployment(id.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r1");
    }

    @Test
    @DisplayName("an id a client made up (no valid seal) claims nothing: not found, nothing remembered")
    void madeUpIdsClaimNothing() {
        DokployTriggeredId real = triggered(NOW, "c-1");
        String forged = "dok-web.~" + Long.toString(NOW.toEpochMilli(), 36) + "~c-1~abc";
        rows(renamed("r1", "done", NOW.plusSeconds(1)));
        queue();

        assertThatThrownBy(() -> adapter.getDeployment(forged).block()).isInstanceOf(ProviderException.NotFound.class);
        assertThat(memory.recall("r:r1").block()).isNull();
        assertThat(adapter.getDeployment(real.toString())
                        .block()
                        .raw()
                        .get("deploymentId")
                        .asString())
                .isEqualTo("r1");
    }

    @Test
    @DisplayName("a remembered row that is gone (deleted, or rotated out) is not found: never another row")
    void aRememberedRowThatIsGoneIsNotFound() {
        DokployTriggeredId id = triggered(NOW, "c-1");
        memory.remember("d:" + id, "r1").block();
        rows(renamed("r2", "done", NOW.plusSeconds(1)));

        assertThatThrownBy(() -> adapter.getDeployment(id.toString()).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    @DisplayName("a job that became a row between our two reads is looked for once more by its title")
    void aJobBetweenQueueAndRow() {
        DokployTriggeredId id = triggered(NOW, "c-9");
        dokploy.stubFor(get(ROWS)
                .inScenario("worker")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]"))
                .willSetStateTo("row exists"));
        queue();
        dokploy.stubFor(get(ROWS)
                .inScenario("worker")
                .whenScenarioStateIs("row exists")
                .willReturn(okJson(array(row("r9", id.title(), "running", NOW.plusSeconds(1))))));

        Deployment deployment = adapter.getDeployment(id.toString()).block();

        assertThat(deployment.id()).isEqualTo(id.toString());
        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        dokploy.verify(2, getRequestedFor(urlEqualTo(ROWS)));
    }

    @Test
    @DisplayName("a timed-out trigger is found by its correlation id: by title, else by the time it was sent")
    void findTriggered() {
        DokployTriggeredId id = triggered(NOW.minusMillis(3), "c-5");
        rows(row("r1", id.title(), "running", NOW));
        queue();

        Deployment byTitle =
                adapter.findTriggered("dok-web", "c-5", NOW.minusSeconds(1)).block();

        assertThat(byTitle.id()).isEqualTo(id.toString());
        rows(renamed("r2", "done", NOW.plusSeconds(2)), row("r1", id.title(), "running", NOW));
        Instant sent = NOW.plusSeconds(1);
        Deployment byTime = adapter.findTriggered("dok-web", "c-6", sent).block();
        assertThat(byTime.id()).isEqualTo(triggered(sent, "c-6").toString());
        assertThat(byTime.raw().get("deploymentId").asString()).isEqualTo("r2");
    }
}
