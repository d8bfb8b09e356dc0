package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import dev.unideploy.spi.CancelScope;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cancel and delete touch exactly the deployment they name, or answer a conflict saying why. */
class DokployCancelTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String ROWS = "/api/deployment.all?applicationId=dok-web";
    private static final String QUEUE = "/api/deployment.queueList";
    private static final String CLEAN = "/api/application.cleanQueues";
    private static final String KILL = "/api/deployment.killProcess";
    private static final String REMOVE = "/api/deployment.removeDeployment";

    private final DokployTriggeredId mine = triggered(NOW, "c-1");
    private DokployAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = DokployFixtures.adapter(dokploy.baseUrl(), Correlations.inMemory());
        dokploy.stubFor(post(anyUrl()).willReturn(ok()));
    }

    private void rows(String... rows) {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(rows))));
    }

    private void queue(String... jobs) {
        dokploy.stubFor(get(QUEUE).willReturn(okJson(array(jobs))));
    }

    private void assertNothingSent() {
        dokploy.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("the capability model says it: cancel only while queued")
    void scope() {
        CancelScope scope = adapter.cancelScope();
        assertThat(scope.statuses()).isEqualTo(Set.of(Status.QUEUED));
        assertThat(scope.limits()).contains("only while no other deployment of its application waits");
    }

    @Test
    @DisplayName("the only waiting job of its app: cleanQueues, answered cancelled, and the id never takes a row")
    void theOnlyWaitingJobIsDropped() {
        rows(row("r1", "Manual", "running", NOW.minusSeconds(5)));
        dokploy.stubFor(get(QUEUE)
                .inScenario("clean")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(array(
                        job("job-2", mine.title(), "waiting", NOW),
                        job("job-3", "other-app", "Manual", "waiting", NOW),
                        job("job-1", "Manual", "active", NOW.minusSeconds(5))))));
        dokploy.stubFor(post(CLEAN).inScenario("clean").willReturn(ok()).willSetStateTo("cleaned"));
        dokploy.stubFor(get(QUEUE)
                .inScenario("clean")
                .whenScenarioStateIs("cleaned")
                .willReturn(okJson(array(job("job-1", "Manual", "active", NOW.minusSeconds(5))))));

        Deployment cancelled = adapter.cancel(mine.toString()).block();

        assertThat(cancelled.status()).isEqualTo(Status.CANCELLED);
        assertThat(cancelled.id()).isEqualTo(mine.toString());
        dokploy.verify(
                1, postRequestedFor(urlEqualTo(CLEAN)).withRequestBody(equalToJson("{\"applicationId\":\"dok-web\"}")));
        // later the running row ends and is renamed: the dropped id must not take it by trigger instant
        rows(renamed("r2", "done", NOW.plusSeconds(20)), renamed("r1", "done", NOW.minusSeconds(5)));
        assertThatThrownBy(() -> adapter.getDeployment(mine.toString()).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    @DisplayName("another job of the same app waits too: 409 saying why, cleanQueues never sent")
    void anotherWaitingJobOfTheAppIsNeverDropped() {
        rows(row("r1", "Manual", "running", NOW.minusSeconds(5)));
        queue(
                job("job-3", "unideploy-someone-else", "waiting", NOW.plusMillis(5)),
                job("job-2", mine.title(), "waiting", NOW),
                job("job-1", "Manual", "active", NOW.minusSeconds(5)));

        assertThatThrownBy(() -> adapter.cancel(mine.toString()).block())
                .isInstanceOf(ProviderException.Conflict.class)
                .hasMessageContaining("1 other deployment of this application waits too")
                .hasMessageContaining("application.cleanQueues")
                .hasMessageContaining("Nothing was cancelled");
        assertNothingSent();
    }

    @Test
    @DisplayName("a running application deployment (no pid): 409 saying it cannot be stopped, killProcess not sent")
    void aRunningDeploymentCannotBeStopped() {
        rows(row("r1", mine.title(), "running", NOW));
        queue(job("job-1", mine.title(), "active", NOW));

        assertThatThrownBy(() -> adapter.cancel(mine.toString()).block())
                .isInstanceOf(ProviderException.Conflict.class)
                .hasMessageContaining("cannot stop a running application deployment")
                .hasMessageContaining("Nothing was cancelled");
        assertNothingSent();
    }

    @Test
    @DisplayName("a job picked up but without its row yet is running too: 409")
    void anActiveJobIsRunning() {
        rows();
        queue(job("job-1", mine.title(), "active", NOW));

        assertThatThrownBy(() -> adapter.cancel(mine.toString()).block())
                .isInstanceOf(ProviderException.Conflict.class);
        assertNothingSent();
    }

    @Test
    @DisplayName("a row with a pid (a scheduled job's kind) is killed: killProcess, answered cancelled")
    void aRowWithAPidIsKilled() {
        dokploy.stubFor(get(ROWS)
                .inScenario("kill")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(array(row("r1", "Manual", "d", "running", NOW, "4242")))));
        dokploy.stubFor(post(KILL).inScenario("kill").willReturn(ok()).willSetStateTo("killed"));
        dokploy.stubFor(get(ROWS)
                .inScenario("kill")
                .whenScenarioStateIs("killed")
                .willReturn(okJson(array(row("r1", "Manual", "error")))));

        Deployment deployment = adapter.cancel("dok-web.r1").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("error");
        dokploy.verify(postRequestedFor(urlEqualTo(KILL)).withRequestBody(equalToJson("{\"deploymentId\":\"r1\"}")));
    }

    @Test
    @DisplayName("picked up between our look and cleanQueues: 409, it runs")
    void startedBeforeTheCancelReachedIt() {
        dokploy.stubFor(get(ROWS)
                .inScenario("race")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        dokploy.stubFor(get(QUEUE)
                .inScenario("race")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(array(job("job-2", mine.title(), "waiting", NOW)))));
        dokploy.stubFor(post(CLEAN).inScenario("race").willReturn(ok()).willSetStateTo("running"));
        dokploy.stubFor(get(ROWS)
                .inScenario("race")
                .whenScenarioStateIs("running")
                .willReturn(okJson(array(row("r2", mine.title(), "running", NOW)))));
        dokploy.stubFor(get(QUEUE)
                .inScenario("race")
                .whenScenarioStateIs("running")
                .willReturn(okJson(array(job("job-2", mine.title(), "active", NOW)))));

        assertThatThrownBy(() -> adapter.cancel(mine.toString()).block())
                .isInstanceOf(ProviderException.Conflict.class)
                .hasMessageContaining("started before the cancel reached it");
        dokploy.verify(0, postRequestedFor(urlEqualTo(KILL)));
    }

    @Test
    @DisplayName("a finished deployment: 409, nothing sent")
    void cancelOfFinishedIsConflict() {
        rows(row("r1", "Manual", "done"));
        assertThatThrownBy(() -> adapter.cancel("dok-web.r1").block()).isInstanceOf(ProviderException.Conflict.class);
        assertNothingSent();
    }

    @Test
    @DisplayName("an unknown deployment: not found")
    void cancelOfUnknownIsNotFound() {
        rows();
        assertThatThrownBy(() -> adapter.cancel("dok-web.r1").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    @DisplayName("delete removes a finished row")
    void deleteRemovesTheRow() {
        rows(row("r1", "Manual", "done"));

        adapter.delete("dok-web.r1").block();

        dokploy.verify(postRequestedFor(urlEqualTo(REMOVE)).withRequestBody(equalToJson("{\"deploymentId\":\"r1\"}")));
    }

    @Test
    @DisplayName("delete of a running or queued deployment: 409, nothing removed")
    void deleteOfAnUnfinishedDeploymentIsConflict() {
        rows(row("r1", "Manual", "running"));
        queue(job("job-2", mine.title(), "waiting", NOW));

        assertThatThrownBy(() -> adapter.delete("dok-web.r1").block())
                .isInstanceOf(ProviderException.Conflict.class)
                .hasMessageContaining("only a finished deployment's record can be deleted");
        assertThatThrownBy(() -> adapter.delete(mine.toString()).block())
                .isInstanceOf(ProviderException.Conflict.class);
        assertNothingSent();
    }

    @Test
    @DisplayName("delete of an unknown deployment: not found")
    void deleteOfUnknownIsNotFound() {
        rows();
        assertThatThrownBy(() -> adapter.delete("dok-web.r1").block()).isInstanceOf(ProviderException.NotFound.class);
    }
}
