package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
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

    private static final String KEY = "key-secret";
    private ProviderAdapter adapter;

    static String row(String id, String title, String status) {
        return """
                {"deploymentId":"%s","title":"%s","description":"d","status":"%s",
                 "logPath":"/etc/dokploy/logs/web/web-%s.log","pid":null,"applicationId":"dok-web",
                 "createdAt":"2026-11-22T10:00:00.000Z","startedAt":"2026-11-22T10:00:01.000Z","finishedAt":null,
                 "errorMessage":null}
                """.formatted(id, title, status, id);
    }

    static String job(String title, String state) {
        return """
                {"id":"12","name":"deployments","data":{"applicationId":"dok-web","titleLog":"%s",
                 "descriptionLog":"x","type":"deploy","applicationType":"application"},
                 "timestamp":1795000000000,"processedOn":null,"finishedOn":null,"failedReason":null,"state":"%s"}
                """.formatted(title, state);
    }

    @BeforeEach
    void setUp() {
        adapter = new DokployAdapterFactory()
                .create(ProviderConnection.of(
                        "dok", "dokploy", URI.create(dokploy.baseUrl() + "/api"), Map.of("token", KEY)));
    }

    @Test
    void getDeploymentFiltersTheAppRows() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r2", "Manual", "running") + "," + row("r1", "Manual", "done") + "]")));

        Deployment deployment = adapter.getDeployment("dok-web.r1").block();

        assertThat(deployment.id()).isEqualTo("dok-web.r1");
        assertThat(deployment.appId()).isEqualTo("dok-web");
        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("done");
        dokploy.verify(getRequestedFor(urlEqualTo("/api/deployment.all?applicationId=dok-web"))
                .withHeader("x-api-key", equalTo(KEY)));
    }

    @Test
    void getDeploymentNotInTheRowsIsNotFound() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web").willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.getDeployment("dok-web.r1").block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void unauthorizedMentionsThrottling() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("dok-web.r1").block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageContaining("rate-limited")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void triggerSendsTheCorrelationTitleAndAnswersTheQueuedJob() {
        dokploy.stubFor(post("/api/application.deploy").willReturn(ok()));
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r1", "Manual", "done") + "]")));
        dokploy.stubFor(get("/api/deployment.queueList")
                .willReturn(
                        okJson("[" + job("unideploy-other", "waiting") + "," + job("unideploy-c-1", "waiting") + "]")));

        Deployment deployment = adapter.trigger(new TriggerRequest("dok-web", Source.EMPTY, null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo("dok-web.u-c-1");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("waiting");
        dokploy.verify(
                postRequestedFor(urlEqualTo("/api/application.deploy"))
                        .withHeader("x-api-key", equalTo(KEY))
                        .withRequestBody(
                                equalToJson(
                                        "{\"applicationId\":\"dok-web\",\"title\":\"unideploy-c-1\",\"description\":\"${json-unit.any-string}\"}")));
    }

    @Test
    void triggerOfUnknownApp() {
        dokploy.stubFor(post("/api/application.deploy")
                .willReturn(notFound().withBody("{\"message\":\"Application not found\",\"code\":\"NOT_FOUND\"}")));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("nope", Source.EMPTY, null, false, "c-1"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void correlatedIdIsStableFromJobToRow() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r9", "unideploy-c-1", "running") + "]")));

        Deployment deployment = adapter.getDeployment("dok-web.u-c-1").block();

        assertThat(deployment.id()).isEqualTo("dok-web.u-c-1");
        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        dokploy.verify(0, getRequestedFor(urlEqualTo("/api/deployment.queueList")));
    }

    @Test
    void aJobBetweenQueueAndRowIsLookedForAgainAmongTheRows() {
        // the worker turned the job into a row between our two reads: first no row, then no job, then the row
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("worker")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]"))
                .willSetStateTo("row exists"));
        dokploy.stubFor(get("/api/deployment.queueList").willReturn(okJson("[]")));
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("worker")
                .whenScenarioStateIs("row exists")
                .willReturn(okJson("[" + row("r9", "unideploy-c9", "running") + "]")));

        Deployment deployment = adapter.getDeployment("dok-web.u-c9").block();

        assertThat(deployment.id()).isEqualTo("dok-web.u-c9");
        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        dokploy.verify(2, getRequestedFor(urlEqualTo("/api/deployment.all?applicationId=dok-web")));
    }

    @Test
    void listDeploymentsPagesInMemoryWithOurQueuedJobsFirst() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(
                        okJson("[" + row("r2", "unideploy-c-0", "running") + "," + row("r1", "Manual", "done") + "]")));
        dokploy.stubFor(
                get("/api/deployment.queueList").willReturn(okJson("[" + job("unideploy-c-1", "waiting") + "]")));

        DeploymentPage first = adapter.listDeployments("dok-web", null, 2).block();
        DeploymentPage second =
                adapter.listDeployments("dok-web", first.nextPageToken(), 2).block();

        assertThat(first.items()).extracting(Deployment::id).containsExactly("dok-web.u-c-1", "dok-web.u-c-0");
        assertThat(second.items()).extracting(Deployment::id).containsExactly("dok-web.r1");
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void listDeploymentsOfUnknownApp() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=nope").willReturn(notFound()));
        dokploy.stubFor(get("/api/deployment.queueList").willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.listDeployments("nope", null, 2).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void logsAreTextLines() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r1", "Manual", "done") + "]")));
        dokploy.stubFor(get("/api/deployment.readLogs?deploymentId=r1&tail=5")
                .willReturn(okJson("\"Cloning\\nBuilding\\n\\nDone\\n\"")));

        Logs logs = adapter.logs("dok-web.r1", 5).block();

        assertThat(logs.items()).extracting(LogLine::message).containsExactly("Cloning", "Building", "Done");
        assertThat(logs.complete()).isTrue();
        dokploy.verify(getRequestedFor(urlEqualTo("/api/deployment.readLogs?deploymentId=r1&tail=5"))
                .withHeader("x-api-key", equalTo(KEY)));
    }

    @Test
    void logsOfUnknownDeployment() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web").willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.logs("dok-web.r1", 5).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void cancelKillsAndAnswersCancelled() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("kill")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[" + row("r1", "Manual", "running") + "]")));
        dokploy.stubFor(post("/api/deployment.killProcess")
                .inScenario("kill")
                .willReturn(ok())
                .willSetStateTo("killed"));
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("kill")
                .whenScenarioStateIs("killed")
                .willReturn(okJson("[" + row("r1", "Manual", "error") + "]")));

        Deployment deployment = adapter.cancel("dok-web.r1").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("error");
        dokploy.verify(postRequestedFor(urlEqualTo("/api/deployment.killProcess"))
                .withHeader("x-api-key", equalTo(KEY))
                .withRequestBody(equalToJson("{\"deploymentId\":\"r1\"}")));
    }

    @Test
    void cancelOfAQueuedJobCleansTheQueue() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web").willReturn(okJson("[]")));
        dokploy.stubFor(
                get("/api/deployment.queueList").willReturn(okJson("[" + job("unideploy-c-1", "waiting") + "]")));
        dokploy.stubFor(post("/api/application.cleanQueues").willReturn(ok()));

        Deployment deployment = adapter.cancel("dok-web.u-c-1").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        dokploy.verify(postRequestedFor(urlEqualTo("/api/application.cleanQueues"))
                .withRequestBody(equalToJson("{\"applicationId\":\"dok-web\"}")));
    }

    @Test
    void cancelOfAJobPickedUpMeanwhileKillsItsRow() {
        // queued when we looked; a worker took it before cleanQueues, which then drops nothing
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("picked up")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        dokploy.stubFor(get("/api/deployment.queueList")
                .inScenario("picked up")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[" + job("unideploy-c-2", "waiting") + "]")));
        dokploy.stubFor(post("/api/application.cleanQueues")
                .inScenario("picked up")
                .willReturn(ok())
                .willSetStateTo("running"));
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .inScenario("picked up")
                .whenScenarioStateIs("running")
                .willReturn(okJson("[" + row("r2", "unideploy-c-2", "running") + "]")));
        dokploy.stubFor(post("/api/deployment.killProcess").willReturn(ok()));

        Deployment deployment = adapter.cancel("dok-web.u-c-2").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        dokploy.verify(postRequestedFor(urlEqualTo("/api/deployment.killProcess"))
                .withRequestBody(equalToJson("{\"deploymentId\":\"r2\"}")));
    }

    @Test
    void cancelOfFinishedIsConflict() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r1", "Manual", "done") + "]")));
        assertThatThrownBy(() -> adapter.cancel("dok-web.r1").block()).isInstanceOf(ProviderException.Conflict.class);
        dokploy.verify(0, postRequestedFor(urlEqualTo("/api/deployment.killProcess")));
    }

    @Test
    void cancelOfUnknownIsNotFound() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web").willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.cancel("dok-web.r1").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void deleteRemovesTheRow() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r1", "Manual", "done") + "]")));
        dokploy.stubFor(post("/api/deployment.removeDeployment").willReturn(okJson("{}")));

        adapter.delete("dok-web.r1").block();

        dokploy.verify(postRequestedFor(urlEqualTo("/api/deployment.removeDeployment"))
                .withHeader("x-api-key", equalTo(KEY))
                .withRequestBody(equalToJson("{\"deploymentId\":\"r1\"}")));
    }

    @Test
    void deleteOfUnknownIsNotFound() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web").willReturn(okJson("[]")));
        assertThatThrownBy(() -> adapter.delete("dok-web.r1").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void eventsOfAFinishedDeploymentReplayTheLogThenTheStatus() {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + row("r1", "Manual", "error") + "]")));
        dokploy.stubFor(
                get("/api/deployment.readLogs?deploymentId=r1&tail=10000").willReturn(okJson("\"boom\"")));

        List<DeploymentEvent> events =
                adapter.events("dok-web.r1").collectList().block();

        assertThat(events).hasSize(2);
        assertThat(((DeploymentEvent.Log) events.get(0)).line().message()).isEqualTo("boom");
        assertThat(((DeploymentEvent.StatusChanged) events.get(1)).deployment().status())
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
