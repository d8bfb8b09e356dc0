package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.unideploy.adapter.dokploy.DokployFixtures.KEY;
import static dev.unideploy.adapter.dokploy.DokployFixtures.array;
import static dev.unideploy.adapter.dokploy.DokployFixtures.job;
import static dev.unideploy.adapter.dokploy.DokployFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stub → call → assert the normalised result → assert the request sent. */
class DokployAdapterTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String ROWS = "/api/deployment.all?applicationId=dok-web";
    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = DokployFixtures.adapter(dokploy.baseUrl(), Correlations.inMemory());
    }

    @Test
    void getDeploymentFiltersTheAppRows() {
        dokploy.stubFor(
                get(ROWS).willReturn(okJson(array(row("r2", "Manual", "running"), row("r1", "Manual", "done")))));

        Deployment deployment = adapter.getDeployment("dok-web.r1").block();

        assertThat(deployment.id()).isEqualTo("dok-web.r1");
        assertThat(deployment.appId()).isEqualTo("dok-web");
        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("done");
        dokploy.verify(getRequestedFor(urlEqualTo(ROWS)).withHeader("x-api-key", equalTo(KEY)));
    }

    @Test
    void aRenamedRowNamesItsCommit() {
        dokploy.stubFor(
                get(ROWS).willReturn(okJson(array(DokployFixtures.renamed("r1", "done", DokployFixtures.NOW)))));

        Deployment deployment = adapter.getDeployment("dok-web.r1").block();

        assertThat(deployment.source().commitSha()).isEqualTo("6f87c0ffee");
        assertThat(deployment.source().commitMessage()).isEqualTo("Fix the landing page");
    }

    @Test
    void getDeploymentNotInTheRowsIsNotFound() {
        dokploy.stubFor(get(ROWS).willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.getDeployment("dok-web.r1").block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void idsThatAreNoDokployIdsAreNotFoundWithoutARequest() {
        for (String id : List.of("dok-web", ".r1", "dok-web.", "dok~web.r1", "dok-web.~x", "dok-web.r/1")) {
            assertThatThrownBy(() -> adapter.getDeployment(id).block())
                    .as(id)
                    .isInstanceOf(ProviderException.NotFound.class);
        }
        assertThat(dokploy.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRowIdThatIsNoNanoidIsABadResponse() {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(row("r 1", "Manual", "done")))));
        assertThatThrownBy(() -> adapter.listDeployments("dok-web", null, 5).block())
                .isInstanceOf(ProviderException.BadResponse.class);
    }

    @Test
    void unauthorizedMentionsThrottling() {
        dokploy.stubFor(get(ROWS).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("dok-web.r1").block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageContaining("rate-limited")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void triggerOfUnknownApp() {
        dokploy.stubFor(post("/api/application.deploy")
                .willReturn(notFound().withBody("{\"message\":\"Application not found\",\"code\":\"NOT_FOUND\"}")));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("nope", Source.EMPTY, null, false, "c-1"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("Application not found");
    }

    @Test
    void logsCountBlankLinesAsTailDoes() {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(row("r1", "Manual", "error")))));
        dokploy.stubFor(get("/api/deployment.readLogs?deploymentId=r1&tail=2")
                .willReturn(okJson("\"\\nError occurred ❌, check the logs for details.\\n\"")));

        Logs logs = adapter.logs("dok-web.r1", 2).block();

        assertThat(logs.items())
                .extracting(LogLine::message)
                .containsExactly("", "Error occurred ❌, check the logs for details.");
        assertThat(logs.complete()).isTrue();
        dokploy.verify(getRequestedFor(urlEqualTo("/api/deployment.readLogs?deploymentId=r1&tail=2"))
                .withHeader("x-api-key", equalTo(KEY)));
    }

    @Test
    void logLinesAreWhatEndsInANewline() {
        assertThat(DokployLogText.lines("a\n\nb\r\nc")).containsExactly("a", "", "b", "c");
        assertThat(DokployLogText.lines("progress 1\rprogress 2\n")).containsExactly("progress 1\rprogress 2");
        assertThat(DokployLogText.lines("")).isEmpty();
        assertThat(DokployLogText.lines("\n")).containsExactly("");
    }

    @Test
    void aTailOfZeroSendsNothing() {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(row("r1", "Manual", "done")))));

        assertThat(adapter.logs("dok-web.r1", 0).block().items()).isEmpty();

        dokploy.verify(0, getRequestedFor(urlEqualTo("/api/deployment.readLogs?deploymentId=r1&tail=0")));
    }

    @Test
    void aQueuedDeploymentHasNoLogYet() {
        var id = DokployFixtures.triggered(DokployFixtures.NOW, "c-1");
        dokploy.stubFor(get(ROWS).willReturn(okJson("[]")));
        dokploy.stubFor(get("/api/deployment.queueList")
                .willReturn(okJson(array(job("job-1", id.title(), "waiting", DokployFixtures.NOW)))));

        Logs logs = adapter.logs(id.toString(), null).block();

        assertThat(logs.items()).isEmpty();
        assertThat(logs.complete()).isFalse();
    }

    @Test
    void logsOfUnknownDeployment() {
        dokploy.stubFor(get(ROWS).willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.logs("dok-web.r1", 5).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void eventsOfAFinishedDeploymentReplayTheLogThenTheStatus() {
        dokploy.stubFor(get(ROWS).willReturn(okJson(array(row("r1", "Manual", "error")))));
        dokploy.stubFor(
                get("/api/deployment.readLogs?deploymentId=r1&tail=10000").willReturn(okJson("\"boom\\n\\n\"")));

        List<DeploymentEvent> events =
                adapter.events("dok-web.r1").collectList().block();

        assertThat(events).hasSize(3);
        assertThat(((DeploymentEvent.Log) events.get(0)).line().message()).isEqualTo("boom");
        assertThat(((DeploymentEvent.Log) events.get(1)).line().message()).isEmpty();
        assertThat(((DeploymentEvent.StatusChanged) events.get(2)).deployment().status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void streamUriIsAtTheHostRoot() {
        DokployClient client = new DokployClient(
                ProviderConnection.of("d", "dokploy", URI.create("https://dok.example/api"), Map.of("token", "k")),
                "k");
        assertThat(client.streamUri("/etc/dokploy/logs/a b.log", true))
                .hasToString("wss://dok.example/listen-deployment?logPath=%2Fetc%2Fdokploy%2Flogs%2Fa+b.log");
    }

    @Test
    void listAppsWalksProjectsAndEnvironments() {
        dokploy.stubFor(get("/api/project.all")
                .willReturn(
                        okJson("[{\"projectId\":\"p1\",\"name\":\"demo\",\"environments\":[{\"environmentId\":\"e1\","
                                + "\"name\":\"production\",\"applications\":[{\"applicationId\":\"dok-web\",\"name\":\"web\","
                                + "\"appName\":\"web-x\",\"applicationStatus\":\"done\",\"env\":\"DB_PASSWORD=s3cret\"}],"
                                + "\"compose\":[]}]}]")));

        List<App> apps = adapter.listApps().block();

        assertThat(apps.get(0).raw().toString()).as("raw is allow-listed").doesNotContain("s3cret");
        assertThat(apps)
                .extracting(App::id, App::name, App::environment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dok-web", "web", "production"));
        dokploy.verify(getRequestedFor(urlEqualTo("/api/project.all")).withHeader("x-api-key", equalTo(KEY)));
    }

    @Test
    void listAppsNotFound() {
        dokploy.stubFor(get("/api/project.all").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.listApps().block()).isInstanceOf(ProviderException.NotFound.class);
    }
}
