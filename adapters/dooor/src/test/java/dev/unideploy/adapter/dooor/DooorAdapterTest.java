package dev.unideploy.adapter.dooor;

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
import static dev.unideploy.adapter.dooor.DooorFixtures.ID;
import static dev.unideploy.adapter.dooor.DooorFixtures.TOKEN;
import static dev.unideploy.adapter.dooor.DooorFixtures.WS;
import static dev.unideploy.adapter.dooor.DooorFixtures.deployment;
import static dev.unideploy.adapter.dooor.DooorFixtures.revisions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.LogLine;
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

/** Dooor's core operations: stub → call → assert the result → assert the request sent. */
class DooorAdapterTest {

    private static final String BEARER = "Bearer " + TOKEN;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private DooorAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = DooorFixtures.adapter(wm);
    }

    @Test
    void triggerAnswersTheQueuedDeployment() {
        wm.stubFor(post(WS + "/deploy").willReturn(okJson(deployment(ID, "queued"))));

        Deployment deployment = adapter.trigger(new TriggerRequest(
                        "door-web", new Source("main", "a1b2c3d4e5f6", null, null, null), null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo(ID);
        assertThat(deployment.appId()).isEqualTo("door-web");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        assertThat(deployment.kind()).isEqualTo(Kind.DEPLOY);
        assertThat(deployment.source().branch()).isEqualTo("main");
        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson(
                        "{\"appId\":\"door-web\",\"gitBranch\":\"main\",\"gitCommitSha\":\"a1b2c3d4e5f6\"}")));
    }

    @Test
    void triggerWithAnImageSendsAnImageSource() {
        wm.stubFor(post(WS + "/deploy").willReturn(okJson(deployment(ID, "QUEUED"))));

        adapter.trigger(new TriggerRequest(
                        "door-web", new Source(null, null, null, "nginx:1.27", null), null, false, "c"))
                .block();

        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy"))
                .withRequestBody(equalToJson(
                        "{\"appId\":\"door-web\",\"source\":{\"type\":\"IMAGE\",\"imageRef\":\"nginx:1.27\"}}")));
    }

    @Test
    void triggerOfAnUnknownAppIsNotFoundWithNestsMessage() {
        wm.stubFor(post(WS + "/deploy")
                .willReturn(notFound()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\":404,\"message\":\"App not found\",\"error\":\"Not Found\"}")));

        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("nope", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("App not found");
    }

    @Test
    void aGitBranchOrCommitBesideAnImageOrUploadIsRefusedAndNothingSent() {
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest(
                                "a", new Source("main", null, null, "registry/x:1", null), null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        invalid -> assertThat(invalid.field()).contains("source.branch"));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest(
                                "a", new Source(null, null, null, "registry/x:1", "up-1"), null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        invalid -> assertThat(invalid.field()).contains("source.artifactId"));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void validationMessagesArraysAreJoined() {
        wm.stubFor(post(WS + "/deploy")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"statusCode\":400,\"message\":[\"appId must be a string\",\"x\"],"
                                + "\"error\":\"Bad Request\"}")));

        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("a", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.InvalidRequest.class)
                .hasMessageContaining("appId must be a string; x");
    }

    @Test
    void listIsPagedByNumber() {
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy"))
                .willReturn(okJson("{\"data\":[" + deployment(ID, "succeeded") + "," + deployment("dep_00", "FAILED")
                        + "],\"meta\":{\"total\":24,\"page\":2,\"limit\":20,\"totalPages\":3}}")));

        DeploymentPage page = adapter.listDeployments("door-web", "2x20", 20).block();

        assertThat(page.items()).extracting(Deployment::id).containsExactly(ID, "dep_00");
        assertThat(page.items().get(1).status()).isEqualTo(Status.FAILED);
        assertThat(page.nextPageToken()).isEqualTo("3x20");
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy?appId=door-web&page=2&limit=20"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void aPageTokenKeepsThePageSizeItWasMadeWith() {
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy"))
                .willReturn(okJson("{\"data\":[" + deployment(ID, "succeeded")
                        + "],\"meta\":{\"total\":120,\"page\":2,\"limit\":50,\"totalPages\":3}}")));

        assertThat(adapter.listDeployments("door-web", "2x50", 7).block().nextPageToken())
                .isEqualTo("3x50");
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy?appId=door-web&page=2&limit=50")));
    }

    @Test
    void idsAreSentPercentEncodedAndADotSegmentIsSentNowhere() {
        wm.stubFor(get(WS + "/deploy/a%20b%3F").willReturn(okJson(deployment("a b?", "queued"))));

        assertThat(adapter.getDeployment("a b?").block().id()).isEqualTo("a b?");
        assertThatThrownBy(() -> adapter.getDeployment("..").block()).isInstanceOf(ProviderException.NotFound.class);
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void listIsNewestFirstWithTheIdBreakingTies() {
        String older = deployment("dep_a", "succeeded")
                .replace("\"createdAt\":\"2026-11-22T12:00:00Z\"", "\"createdAt\":\"2026-11-22T11:00:00Z\"");
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy"))
                .willReturn(okJson("{\"data\":[" + deployment("dep_b", "succeeded") + "," + older + ","
                        + deployment("dep_c", "queued") + "],\"meta\":{\"total\":3,\"page\":1,\"limit\":20,"
                        + "\"totalPages\":1}}")));

        assertThat(adapter.listDeployments("door-web", null, 20).block().items())
                .extracting(Deployment::id)
                .containsExactly("dep_c", "dep_b", "dep_a");
    }

    @Test
    void theLastPageHasNoToken() {
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy"))
                .willReturn(okJson("{\"data\":[" + deployment(ID, "succeeded")
                        + "],\"meta\":{\"total\":1,\"page\":1,\"limit\":100,\"totalPages\":1}}")));

        assertThat(adapter.listDeployments("door-web", null, 300).block().nextPageToken())
                .isNull();
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy?appId=door-web&page=1&limit=100")));
    }

    @Test
    void listRowsWithoutAnAppIdBelongToTheAppAskedFor() {
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy"))
                .willReturn(okJson("{\"data\":[{\"id\":\"dep_01\",\"status\":\"succeeded\",\"durationSeconds\":52}],"
                        + "\"meta\":{\"total\":1,\"page\":1,\"limit\":20,\"totalPages\":1}}")));

        assertThat(adapter.listDeployments("door-web", null, 20).block().items())
                .extracting(Deployment::appId)
                .containsExactly("door-web");
    }

    @Test
    void listOfAnUnknownAppIsNotFound() {
        wm.stubFor(get(urlPathEqualTo(WS + "/deploy")).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.listDeployments("nope", null, 20).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void aForeignPageTokenSendsNothing() {
        assertThatThrownBy(() -> adapter.listDeployments("door-web", "abc", 20).block())
                .isInstanceOf(ProviderException.InvalidRequest.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSucceededDeploymentIsLiveWhenItsRevisionServesTraffic() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "SUCCEEDED"))));
        wm.stubFor(get(WS + "/deploy/apps/door-web/revisions").willReturn(okJson(revisions(100))));

        Deployment deployment = adapter.getDeployment(ID).block();

        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("SUCCEEDED");
        assertThat(deployment.live()).isTrue();
        assertThat(deployment.source().image()).isEqualTo("registry.dooor.ai/org/door-web:sha256-abc");
        assertThat(deployment.source().commitMessage()).isEqualTo("feat: add endpoint");
        assertThat(deployment.startedAt()).isEqualTo(Instant.parse("2026-11-22T12:00:05Z"));
        assertThat(deployment.durationSeconds()).isEqualTo(52);
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy/" + ID)).withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void aSucceededDeploymentWithoutTrafficIsNotLive() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "succeeded"))));
        wm.stubFor(get(WS + "/deploy/apps/door-web/revisions").willReturn(okJson(revisions(0))));

        assertThat(adapter.getDeployment(ID).block().live()).isFalse();
    }

    @Test
    void liveIsUnknownWhenTheRevisionsCannotBeRead() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "succeeded"))));

        assertThat(adapter.getDeployment(ID).block().live()).isNull();
    }

    @Test
    void aBuildIsInProgressWithoutAskingForRevisions() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "building"))));

        Deployment deployment = adapter.getDeployment(ID).block();

        assertThat(deployment.lifecycle().phase()).isEqualTo(Phase.BUILD);
        wm.verify(0, getRequestedFor(urlPathEqualTo(WS + "/deploy/apps/door-web/revisions")));
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.getDeployment(ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void aRejectedKeyNeverAppearsInTheError() {
        wm.stubFor(get(WS + "/deploy/" + ID)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"statusCode\":401,\"message\":\"Invalid API key\",\"error\":\"Unauthorized\"}")));

        assertThatThrownBy(() -> adapter.getDeployment(ID).block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageContaining("Invalid API key")
                .hasMessageNotContaining(TOKEN);
        assertThat(adapter.toString()).doesNotContain(TOKEN);
    }

    @Test
    void logsAreLinesKeptToTheTail() {
        wm.stubFor(get(WS + "/deploy/" + ID + "/logs")
                .willReturn(okJson("{\"logs\":[\"[nixpacks] Detected Node.js\",\"added 312 packages\","
                        + "\"[nixpacks] Build succeeded\"]}")));
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "deploying"))));

        Logs logs = adapter.logs(ID, 2).block();

        assertThat(logs.items())
                .extracting(LogLine::message)
                .containsExactly("added 312 packages", "[nixpacks] Build succeeded");
        assertThat(logs.complete()).isFalse();
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy/" + ID + "/logs"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void aLeadingInstantIsTheLinesTimestamp() {
        wm.stubFor(get(WS + "/deploy/" + ID + "/logs")
                .willReturn(okJson("{\"logs\":[\"2026-11-22T12:00:01.500Z Creating revision door-web-00005\","
                        + "\"2026 was a good year\"]}")));
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "succeeded"))));

        Logs logs = adapter.logs(ID, null).block();

        assertThat(logs.items())
                .containsExactly(
                        new LogLine(
                                Instant.parse("2026-11-22T12:00:01.500Z"), null, "Creating revision door-web-00005"),
                        LogLine.of("2026 was a good year"));
        assertThat(logs.complete()).isTrue();
    }

    @Test
    void logsOfAnUnknownDeploymentAreNotFound() {
        wm.stubFor(get(WS + "/deploy/" + ID + "/logs").willReturn(notFound()));
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.logs(ID, null).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void appsArePagedThroughAsAgreed() {
        wm.stubFor(get(WS + "/apps?page=1&limit=100")
                .willReturn(okJson("{\"data\":[{\"id\":\"door-web\",\"name\":\"web\"}],"
                        + "\"meta\":{\"total\":2,\"page\":1,\"limit\":100,\"totalPages\":2}}")));
        wm.stubFor(get(WS + "/apps?page=2&limit=100")
                .willReturn(okJson("{\"data\":[{\"id\":\"door-broken\",\"name\":\"broken\"}],"
                        + "\"meta\":{\"total\":2,\"page\":2,\"limit\":100,\"totalPages\":2}}")));

        List<App> apps = adapter.listApps().block();

        assertThat(apps).extracting(App::id).containsExactly("door-web", "door-broken");
        wm.verify(getRequestedFor(urlEqualTo(WS + "/apps?page=1&limit=100"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void appsOfAnUnknownWorkspaceAreNotFound() {
        assertThatThrownBy(() -> adapter.listApps().block()).isInstanceOf(ProviderException.NotFound.class);
    }
}
