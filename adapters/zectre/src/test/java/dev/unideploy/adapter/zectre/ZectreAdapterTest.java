package dev.unideploy.adapter.zectre;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.unideploy.adapter.zectre.ZectreFixtures.ID;
import static dev.unideploy.adapter.zectre.ZectreFixtures.TOKEN;
import static dev.unideploy.adapter.zectre.ZectreFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TriggerRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zectre's core operations: stub → call → assert the result → assert the request sent. */
class ZectreAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ZectreAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = ZectreFixtures.adapter(wm);
    }

    @Test
    void triggerWithImageCreatesADockerDeployment() {
        wm.stubFor(post("/api/v1/apps/zec-web/deployments")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(deployment(ID, "pending", 0, 2))));

        Deployment deployment = adapter.trigger(new TriggerRequest(
                        "zec-web", new Source(null, null, null, "nginx:1.27", null), "production", false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo(ID);
        assertThat(deployment.appId()).isEqualTo("zec-web");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        assertThat(deployment.source().image()).isEqualTo("nginx:1.27");
        assertThat(deployment.live()).isFalse();
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments"))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson(
                        "{\"environment\":\"production\",\"process_type\":\"docker\",\"image\":\"nginx:1.27\"}")));
    }

    @Test
    void triggerOfAnUnknownAppIsNotFound() {
        wm.stubFor(post("/api/v1/apps/nope/deployments").willReturn(notFound().withBody("{\"code\":\"NOT_FOUND\"}")));

        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("nope", Source.EMPTY, null, false, "c-1"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("NOT_FOUND");
    }

    @Test
    void triggerWithAnArtifactAndNoEnvironmentLeavesZectresDefault() {
        wm.stubFor(post("/api/v1/apps/zec-web/deployments")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(deployment(ID, "pending", 0, 1))));

        adapter.trigger(new TriggerRequest("zec-web", new Source(null, null, null, null, "art-9"), null, false, "c"))
                .block();

        wm.verify(postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments"))
                .withRequestBody(equalToJson("{\"process_type\":\"tish\",\"artifact_id\":\"art-9\"}")));
    }

    @Test
    void triggerWithABranchUsesTheGitTrigger() {
        wm.stubFor(post("/api/v1/apps/zec-web/deploy/trigger")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"deployment_id\":\"" + ID + "\",\"status\":\"pending\",\"message\":\"ok\"}")));
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "pending", 0, 1))));

        Deployment deployment = adapter.trigger(
                        new TriggerRequest("zec-web", new Source("main", null, null, null, null), null, false, "c"))
                .block();

        assertThat(deployment.id()).isEqualTo(ID);
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deploy/trigger"))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"branch\":\"main\"}")));
    }

    @Test
    void triggerWithImageAndArtifactSendsNothing() {
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest(
                                "zec-web", new Source(null, null, null, "nginx", "art-9"), null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        invalid -> assertThat(invalid.field()).contains("source.artifactId"));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void triggerWithABranchAndAnImageSendsNothingAndNamesTheBranch() {
        // The image would deploy and the branch be ignored: refused instead.
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest(
                                "zec-web", new Source("main", null, null, "nginx", null), null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        invalid -> assertThat(invalid.field()).contains("source.branch"));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest(
                                "zec-web", new Source(null, "abc", null, null, "art-9"), null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        invalid -> assertThat(invalid.field()).contains("source.commitSha"));
        wm.verify(0, anyRequestedFor(anyUrl()));
        assertThat(adapter.sourceFields()).containsExactlyInAnyOrder(dev.unideploy.spi.SourceField.values());
    }

    @Test
    void listPassesZectresCursorThrough() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/zec-web/deployments"))
                .willReturn(okJson("{\"deployments\":[" + deployment(ID, "succeeded", 2, 2) + "],"
                        + "\"next_page_token\":\"41\"}")));

        DeploymentPage page = adapter.listDeployments("zec-web", "42", 20).block();

        assertThat(page.items()).extracting(Deployment::id).containsExactly(ID);
        assertThat(page.nextPageToken()).isEqualTo("41");
        wm.verify(getRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments?page_size=20&page_token=42"))
                .withHeader("X-API-Key", equalTo(TOKEN)));
    }

    @Test
    void idsAreSentPercentEncodedAndADotSegmentIsSentNowhere() {
        wm.stubFor(get("/api/v1/deployments/a%20b%2Fc").willReturn(okJson(deployment("a b/c", "running", 1, 2))));

        assertThat(adapter.getDeployment("a b/c").block().id()).isEqualTo("a b/c");
        assertThatThrownBy(() -> adapter.getDeployment("..").block()).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> adapter.listDeployments("zec-web", "..", 5).block())
                .isInstanceOf(ProviderException.NotFound.class);
        wm.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void listIsNewestFirstWithTheVersionBreakingTies() {
        String v1 = deployment("d-1", "succeeded", 2, 2)
                .replace("\"version\":3", "\"version\":1")
                .replace("2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z");
        String v2 = deployment("d-2", "succeeded", 2, 2).replace("\"version\":3", "\"version\":2");
        String v3 = deployment("d-3", "running", 1, 2);
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/zec-web/deployments"))
                .willReturn(okJson("{\"deployments\":[" + v2 + "," + v1 + "," + v3 + "]}")));

        assertThat(adapter.listDeployments("zec-web", null, 20).block().items())
                .extracting(Deployment::id)
                .containsExactly("d-3", "d-2", "d-1");
    }

    @Test
    void listOfTheLastPageHasNoToken() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/zec-web/deployments"))
                .willReturn(okJson("{\"deployments\":[" + deployment(ID, "failed", 0, 2) + "]}")));

        assertThat(adapter.listDeployments("zec-web", null, 500).block().nextPageToken())
                .isNull();
        wm.verify(getRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments?page_size=100")));
    }

    @Test
    void listOfAnUnknownAppIsNotFound() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/nope/deployments")).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.listDeployments("nope", null, 20).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void aRolloutIsInProgressAndNotLive() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "running", 1, 2))));

        Deployment deployment = adapter.getDeployment(ID).block();

        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(deployment.lifecycle().phase()).isEqualTo(Phase.DEPLOY);
        assertThat(deployment.progress()).isEqualTo(50);
        assertThat(deployment.live()).isFalse();
        assertThat(deployment.finishedAt()).isNull();
        wm.verify(getRequestedFor(urlEqualTo("/api/v1/deployments/" + ID)).withHeader("X-API-Key", equalTo(TOKEN)));
    }

    @Test
    void runningWithEveryTaskReadyIsSucceededAndLive() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "running", 2, 2))));

        Deployment deployment = adapter.getDeployment(ID).block();

        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("running");
        assertThat(deployment.live()).isTrue();
        assertThat(deployment.environment()).isEqualTo("staging");
        assertThat(deployment.source().commitSha()).isEqualTo("a1b2c3d4");
        assertThat(deployment.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(deployment.finishedAt()).isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));
        assertThat(deployment.raw().toString()).doesNotContain("hunter2").doesNotContain(TOKEN);
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.getDeployment(ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void aRejectedKeyNeverAppearsInTheError() {
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"code\":\"INVALID_CREDENTIALS\",\"message\":\"bad key\"}")));

        assertThatThrownBy(() -> adapter.getDeployment(ID).block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageContaining("INVALID_CREDENTIALS")
                .hasMessageNotContaining(TOKEN);
        assertThat(adapter.toString()).doesNotContain(TOKEN);
    }

    @Test
    void logsKeepTheTailAndAreCompleteOnceTerminal() {
        wm.stubFor(get("/api/v1/deployments/" + ID + "/logs")
                .willReturn(okJson("[{\"timestamp\":\"2026-11-22T10:00:01Z\",\"message\":\"pulling\"},"
                        + "{\"timestamp\":\"2026-11-22T10:00:02Z\",\"message\":\"starting\",\"stream\":\"stdout\"},"
                        + "{\"timestamp\":\"2026-11-22T10:00:03Z\",\"message\":\"ready\",\"level\":\"info\"}]")));
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "succeeded", 2, 2))));

        Logs logs = adapter.logs(ID, 2).block();

        assertThat(logs.complete()).isTrue();
        assertThat(logs.items()).extracting(line -> line.message()).containsExactly("starting", "ready");
        assertThat(logs.items().get(0).timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:02Z"));
        assertThat(logs.items().get(0).stream()).isEqualTo("stdout");
        wm.verify(getRequestedFor(urlEqualTo("/api/v1/deployments/" + ID + "/logs"))
                .withHeader("X-API-Key", equalTo(TOKEN)));
    }

    @Test
    void logsOfAnUnknownDeploymentAreNotFound() {
        wm.stubFor(get("/api/v1/deployments/" + ID + "/logs").willReturn(notFound()));
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.logs(ID, null).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void cancelAnswersTheCancelledDeployment() {
        wm.stubFor(post("/api/v1/deployments/" + ID + "/cancel").willReturn(okJson(deployment(ID, "cancelled", 0, 2))));

        Deployment deployment = adapter.cancel(ID).block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/deployments/" + ID + "/cancel"))
                .withHeader("X-API-Key", equalTo(TOKEN)));
    }

    @Test
    void cancelOfAnUnknownDeploymentIsNotFound() {
        wm.stubFor(post("/api/v1/deployments/" + ID + "/cancel").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.cancel(ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void cancelOfAFinishedDeploymentIsAConflict() {
        wm.stubFor(
                post("/api/v1/deployments/" + ID + "/cancel")
                        .willReturn(
                                aResponse()
                                        .withStatus(409)
                                        .withBody(
                                                "{\"error\":{\"code\":\"INVALID_STATE\",\"message\":\"Deployment is already succeeded\"}}")));

        assertThatThrownBy(() -> adapter.cancel(ID).block())
                .isInstanceOf(ProviderException.Conflict.class)
                .hasMessage("Zectre: INVALID_STATE: Deployment is already succeeded");
    }

    @Test
    void appsArePagedThroughAsAgreed() {
        wm.stubFor(get("/api/v1/apps?page=1&page_size=100")
                .willReturn(okJson("{\"data\":[{\"id\":\"zec-web\",\"name\":\"web\",\"slug\":\"web\"},"
                        + "{\"id\":\"zec-broken\",\"slug\":\"broken\"}],\"total\":2,\"page\":1,\"page_size\":100}")));

        List<App> apps = adapter.listApps().block();

        assertThat(apps)
                .extracting(App::id, App::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("zec-web", "web"),
                        org.assertj.core.groups.Tuple.tuple("zec-broken", "broken"));
        wm.verify(getRequestedFor(urlEqualTo("/api/v1/apps?page=1&page_size=100"))
                .withHeader("X-API-Key", equalTo(TOKEN)));
    }

    @Test
    void appsOfAMissingEndpointAreNotFound() {
        assertThatThrownBy(() -> adapter.listApps().block()).isInstanceOf(ProviderException.NotFound.class);
    }
}
