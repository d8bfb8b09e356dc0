package dev.unideploy.adapter.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
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
import dev.unideploy.spi.Phase;
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
class MistAdapterTest {

    @RegisterExtension
    static WireMockExtension mist = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String COOKIE = "mist_token=jwt-1";
    private ProviderAdapter adapter;

    static String dep(long id, String status) {
        return """
                {"id":%d,"app_id":1,"deployment_number":3,"commit_hash":"abc","commit_message":"fix","status":"%s",
                 "stage":"%s","progress":50,"is_active":true,"logs":"secret?","created_at":"2026-11-22T10:00:00Z",
                 "started_at":"2026-11-22T10:00:01.5Z","finished_at":"0001-01-01T00:00:00Z"}
                """.formatted(id, status, status);
    }

    static String envelope(String data) {
        return "{\"success\":true,\"data\":" + data + ",\"message\":\"ok\",\"error\":\"\"}";
    }

    @BeforeEach
    void setUp() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(
                        okJson(envelope("{\"id\":1}")).withHeader("Set-Cookie", "mist_token=jwt-1; Path=/; HttpOnly")));
        adapter = new MistAdapterFactory()
                .create(ProviderConnection.of(
                        "mist",
                        "mist",
                        URI.create(mist.baseUrl() + "/api"),
                        Map.of("email", "bot@example.com", "password", "pw-secret")));
    }

    @Test
    void factoryNeedsEmailAndPassword() {
        assertThatThrownBy(() -> new MistAdapterFactory()
                        .create(ProviderConnection.of("m", "mist", URI.create("http://x"), Map.of("email", "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
    }

    @Test
    void getDeploymentLogsInOnceAndFindsItInTheAppList() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(envelope("[" + dep(77, "cloning") + "," + dep(42, "success") + "]"))));

        Deployment deployment = adapter.getDeployment("1.77").block();
        adapter.getDeployment("1.42").block();

        assertThat(deployment.id()).isEqualTo("1.77");
        assertThat(deployment.appId()).isEqualTo("1");
        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(deployment.lifecycle().phase()).isEqualTo(Phase.BUILD);
        assertThat(deployment.progress()).isEqualTo(50);
        assertThat(deployment.finishedAt()).isNull();
        assertThat(deployment.raw().has("logs")).isFalse();
        mist.verify(
                1,
                postRequestedFor(urlEqualTo("/api/auth/login"))
                        .withRequestBody(equalToJson("{\"email\":\"bot@example.com\",\"password\":\"pw-secret\"}")));
        mist.verify(
                2,
                postRequestedFor(urlEqualTo("/api/deployments/getByAppId"))
                        .withHeader("Cookie", equalTo(COOKIE))
                        .withRequestBody(equalToJson("{\"appId\":1}")));
    }

    @Test
    void getDeploymentNotInTheListIsNotFound() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "success") + "]"))));
        assertThatThrownBy(() -> adapter.getDeployment("1.77").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void getDeploymentOfUnknownAppIsNotFound() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(notFound()
                        .withBody("{\"success\":false,\"data\":null,\"message\":\"App not found\",\"error\":\"\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("9.77").block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("App not found");
    }

    @Test
    void mistsNotFoundIsA500WithRecordNotFoundInError() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"success\":false,\"data\":null,\"message\":\"Failed to get application\","
                                + "\"error\":\"record not found\"}")));
        mist.stubFor(post("/api/deployments")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"success\":false,\"data\":null,\"message\":\"failed to get app details\","
                                + "\"error\":\"record not found\"}")));

        assertThatThrownBy(() -> adapter.getDeployment("9.77").block())
                .isInstanceOfSatisfying(
                        ProviderException.NotFound.class,
                        notFound -> assertThat(notFound.upstreamStatus()).contains(500))
                .hasMessage("Mist: Failed to get application: record not found");
        assertThatThrownBy(() -> adapter.listDeployments("9", null, 5).block())
                .isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("9", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("failed to get app details");
    }

    @Test
    void anotherProviderErrorKeepsMistsReasonFromError() {
        mist.stubFor(post("/api/deployments")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"success\":false,\"data\":null,\"message\":\"failed to get latest commit\","
                                + "\"error\":\"git fetch failed: Could not resolve host: github.com\"}")));

        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("1", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.class)
                .isNotInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("failed to get latest commit: git fetch failed: Could not resolve host");
    }

    @Test
    void liveIsUnknownBecauseMistNeverWritesIsActive() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "success") + "]"))));

        assertThat(adapter.getDeployment("1.42").block().live()).isNull();
    }

    @Test
    void listedNewestFirstWithTheAppsSequenceBreakingTies() {
        String sameInstant = "2026-11-22T10:00:00Z";
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(envelope("["
                        + dep(5, "success").replace("\"deployment_number\":3", "\"deployment_number\":1") + ","
                        + dep(9, "success").replace("\"deployment_number\":3", "\"deployment_number\":2") + ","
                        + dep(7, "pending").replace(sameInstant, "2026-11-22T11:00:00Z") + "]"))));

        assertThat(adapter.listDeployments("1", null, 10).block().items())
                .extracting(Deployment::id)
                .containsExactly("1.7", "1.9", "1.5");
    }

    @Test
    void finishedLogsAreDockerLinesDecodedLikeMistsDashboard() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "failed") + "]"))));
        mist.stubFor(get("/api/deployments/logs?id=42")
                .willReturn(okJson(envelope("{\"deployment\":{},\"logs\":"
                        + tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(MistLogLinesTest.FAILED_BUILD)
                        + "}"))));

        Logs logs = adapter.logs("1.42", 3).block();

        assertThat(logs.items())
                .extracting(LogLine::message)
                .containsExactly(
                        "",
                        "The command '/bin/sh -c npm run build' returned a non-zero code: 1",
                        "error deploying docker: build image failed");
        assertThat(logs.items().get(1).stream()).isEqualTo("stderr");
    }

    @Test
    void malformedIdSendsNothing() {
        assertThatThrownBy(() -> adapter.getDeployment("77").block()).isInstanceOf(ProviderException.NotFound.class);
        assertThat(mist.getAllServeEvents()).isEmpty();
    }

    @Test
    void concurrentCallsShareOneLogin() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(okJson(envelope("{\"id\":1}"))
                        .withHeader("Set-Cookie", "mist_token=jwt-1; Path=/; HttpOnly")
                        .withFixedDelay(300)));
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "success") + "]"))));

        List<Deployment> all = reactor.core.publisher.Flux.range(0, 8)
                .flatMap(i -> adapter.getDeployment("1.42"))
                .collectList()
                .block();

        assertThat(all).hasSize(8);
        mist.verify(1, postRequestedFor(urlEqualTo("/api/auth/login")));
    }

    @Test
    void sessionIsRenewedOnceOn401() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"success\":false,\"message\":\"Unauthorized\"}"))
                .willSetStateTo("renewed"));
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("expiry")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson(envelope("[" + dep(77, "success") + "]"))));

        assertThat(adapter.getDeployment("1.77").block().status()).isEqualTo(Status.SUCCEEDED);
        mist.verify(2, postRequestedFor(urlEqualTo("/api/auth/login")));
    }

    @Test
    void rejectedLoginIsAnAuthFailureWithoutTheCredentials() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"success\":false,\"message\":\"invalid credentials\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("1.77").block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageNotContaining("pw-secret");
    }

    @Test
    void trigger() {
        mist.stubFor(post("/api/deployments").willReturn(okJson(dep(501, "pending"))));

        Deployment deployment = adapter.trigger(new TriggerRequest("1", Source.EMPTY, null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo("1.501");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        mist.verify(postRequestedFor(urlEqualTo("/api/deployments"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"appId\":1}")));
    }

    @Test
    void triggerOfUnknownApp() {
        mist.stubFor(post("/api/deployments")
                .willReturn(notFound().withBody("{\"success\":false,\"message\":\"App not found\"}")));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("9", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void listDeploymentsPagesInMemory() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(
                        envelope("[" + dep(3, "pending") + "," + dep(2, "failed") + "," + dep(1, "success") + "]"))));

        DeploymentPage first = adapter.listDeployments("1", null, 2).block();
        DeploymentPage second =
                adapter.listDeployments("1", first.nextPageToken(), 2).block();

        assertThat(first.items()).extracting(Deployment::id).containsExactly("1.3", "1.2");
        assertThat(first.nextPageToken()).isEqualTo("2");
        assertThat(second.items()).extracting(Deployment::id).containsExactly("1.1");
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void listDeploymentsOfUnknownApp() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.listDeployments("9", null, 2).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void logsOfFinishedDeployment() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "success") + "]"))));
        mist.stubFor(get("/api/deployments/logs?id=42")
                .willReturn(okJson(envelope("{\"deployment\":{},\"logs\":\"cloning\\nbuilding\\n\\ndone\\n\"}"))));

        Logs logs = adapter.logs("1.42", 2).block();

        assertThat(logs.items()).extracting(LogLine::message).containsExactly("building", "done");
        assertThat(logs.complete()).isTrue();
        mist.verify(getRequestedFor(urlEqualTo("/api/deployments/logs?id=42")).withHeader("Cookie", equalTo(COOKIE)));
    }

    @Test
    void logsOfUnknownDeployment() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[]"))));
        assertThatThrownBy(() -> adapter.logs("1.42", null).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void cancelStopsTheDeployment() {
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("stop")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(envelope("[" + dep(42, "building") + "]"))));
        mist.stubFor(post("/api/deployments/stopDep")
                .inScenario("stop")
                .willReturn(okJson("{\"success\":true,\"message\":\"Deployment aborted immediately\"}"))
                .willSetStateTo("stopped"));
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("stop")
                .whenScenarioStateIs("stopped")
                .willReturn(okJson(envelope("[" + dep(42, "stopped") + "]"))));

        Deployment deployment = adapter.cancel("1.42").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("stopped");
        mist.verify(postRequestedFor(urlEqualTo("/api/deployments/stopDep"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"deploymentId\":42}")));
    }

    @Test
    void cancelOfFinishedIsConflictAndSendsNoStop() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "success") + "]"))));
        assertThatThrownBy(() -> adapter.cancel("1.42").block()).isInstanceOf(ProviderException.Conflict.class);
        mist.verify(0, postRequestedFor(urlEqualTo("/api/deployments/stopDep")));
    }

    @Test
    void eventsOfAFinishedDeploymentReplayTheLogThenTheStatus() {
        mist.stubFor(post("/api/deployments/getByAppId").willReturn(okJson(envelope("[" + dep(42, "failed") + "]"))));
        mist.stubFor(get("/api/deployments/logs?id=42").willReturn(okJson(envelope("{\"logs\":\"boom\"}"))));

        List<DeploymentEvent> events = adapter.events("1.42").collectList().block();

        assertThat(events).hasSize(2);
        assertThat(((DeploymentEvent.Log) events.get(0)).line().message()).isEqualTo("boom");
        assertThat(((DeploymentEvent.StatusChanged) events.get(1)).deployment().status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void streamFramesBecomeEvents() {
        Deployment base = Deployment.builder("1.42", "1")
                .lifecycle(MistStatusMapping.toLifecycle("building"))
                .build();
        DeploymentEvent status = MistDeploymentMapping.toEvent(
                        "{\"type\":\"status\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"deployment_id\":42,"
                                + "\"status\":\"deploying\",\"stage\":\"deploying\",\"progress\":80,\"message\":\"m\"}}",
                        base)
                .orElseThrow();
        DeploymentEvent log = MistDeploymentMapping.toEvent(
                        "{\"type\":\"log\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"line\":\"Step 1/3\","
                                + "\"stream\":\"stdout\",\"timestamp\":\"2026-11-22T10:00:00Z\"}}",
                        base)
                .orElseThrow();

        Deployment changed = ((DeploymentEvent.StatusChanged) status).deployment();
        assertThat(changed.lifecycle().phase()).isEqualTo(Phase.DEPLOY);
        assertThat(changed.progress()).isEqualTo(80);
        assertThat(((DeploymentEvent.Log) log).line())
                .isEqualTo(new LogLine(java.time.Instant.parse("2026-11-22T10:00:00Z"), "stdout", "Step 1/3"));
        assertThat(MistDeploymentMapping.toEvent("not json", base)).isEmpty();
    }

    @Test
    void listAppsWalksTheProjects() {
        mist.stubFor(get("/api/projects/getAll").willReturn(okJson(envelope("[{\"id\":1,\"name\":\"default\"}]"))));
        mist.stubFor(
                post("/api/apps/getByProjectId")
                        .willReturn(
                                okJson(
                                        envelope(
                                                "[{\"id\":1,\"name\":\"web\",\"project_id\":1},{\"id\":2,\"name\":\"broken\",\"project_id\":1}]"))));

        List<App> apps = adapter.listApps().block();

        assertThat(apps).extracting(App::id).containsExactly("1", "2");
        assertThat(apps).extracting(App::name).containsExactly("web", "broken");
        mist.verify(postRequestedFor(urlEqualTo("/api/apps/getByProjectId"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"projectId\":1}")));
    }

    @Test
    void listAppsNotFound() {
        mist.stubFor(get("/api/projects/getAll").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.listApps().block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void authHeadersCarryTheSessionCookie() {
        assertThat(adapter.authHeaders().block()).containsEntry("Cookie", COOKIE);
        assertThat(adapter.toString()).doesNotContain("jwt-1");
    }
}
