package dev.unideploy.adapter.zectre;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
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
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.Support;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zectre's promote, scale, emulated rollback and runtime. */
class ZectreOperationsTest {

    private static final String NEW_ID = "0e6b3f9a-8c1d-4f2e-b7a5-3d9c1e0f2a4b";
    private static final String OLD_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

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
    void capabilitiesSayRollbackIsEmulated() {
        assertThat(adapter.capabilities())
                .containsEntry(Capability.ROLLBACK, Support.EMULATED)
                .containsEntry(Capability.PROMOTE, Support.NATIVE)
                .containsEntry(Capability.SCALE, Support.NATIVE)
                .containsEntry(Capability.EVENTS, Support.NATIVE)
                .containsEntry(Capability.REVISIONS, Support.UNSUPPORTED)
                .containsEntry(Capability.TRAFFIC, Support.UNSUPPORTED)
                .containsEntry(Capability.DELETE, Support.UNSUPPORTED);
    }

    @Test
    void promoteAnswersTheNewDeployment() {
        wm.stubFor(post("/api/v1/deployments/" + ID + "/promote")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"deployment_id\":\"" + NEW_ID + "\",\"message\":\"Deployment created\"}")));
        wm.stubFor(get("/api/v1/deployments/" + NEW_ID)
                .willReturn(okJson(deployment(NEW_ID, "pending", 0, 2).replace("staging", "production"))));

        Deployment promoted =
                adapter.promote(ID, new PromoteRequest("production", null)).block();

        assertThat(promoted.id()).isEqualTo(NEW_ID);
        assertThat(promoted.kind()).isEqualTo(Kind.PROMOTE);
        assertThat(promoted.environment()).isEqualTo("production");
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/deployments/" + ID + "/promote"))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"strategy\":\"instant\",\"environment\":\"production\"}")));
    }

    @Test
    void promoteOfAnUnknownDeploymentIsNotFound() {
        wm.stubFor(post("/api/v1/deployments/" + ID + "/promote").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.promote(ID, new PromoteRequest("production", "rebuild"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void scalePatchesTheAppsLiveDeployment() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/zec-web/deployments"))
                .willReturn(okJson("{\"deployments\":[" + deployment(NEW_ID, "failed", 0, 2) + ","
                        + deployment(ID, "running", 2, 2) + "," + deployment(OLD_ID, "succeeded", 1, 1) + "]}")));
        wm.stubFor(patch(urlEqualTo("/api/v1/deployments/" + ID)).willReturn(okJson(deployment(ID, "running", 2, 3))));

        ScaleResult result = adapter.scale("zec-web", 3).block();

        assertThat(result).isEqualTo(new ScaleResult("zec-web", 3, 2, "scaling"));
        wm.verify(patchRequestedFor(urlEqualTo("/api/v1/deployments/" + ID))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"spec\":{\"replicas\":3}}")));
    }

    @Test
    void scaleOfAnUnknownAppIsNotFound() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/nope/deployments")).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.scale("nope", 3).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void scaleOfAnAppWithNothingRunningIsAConflict() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/apps/zec-broken/deployments"))
                .willReturn(okJson("{\"deployments\":[" + deployment(ID, "failed", 0, 1) + "]}")));

        assertThatThrownBy(() -> adapter.scale("zec-broken", 1).block()).isInstanceOf(ProviderException.Conflict.class);
    }

    @Test
    void scaleToNegativeReplicasSendsNothing() {
        assertThatThrownBy(() -> adapter.scale("zec-web", -1).block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        e -> assertThat(e.field()).contains("replicas"));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void rollbackRedeploysTheTargetsImageAndSaysItWasEmulated() {
        wm.stubFor(get("/api/v1/deployments/" + OLD_ID).willReturn(okJson(deployment(OLD_ID, "succeeded", 0, 2))));
        wm.stubFor(post("/api/v1/apps/zec-web/deployments")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(deployment(NEW_ID, "pending", 0, 1))));

        Deployment rollback = adapter.rollback(OLD_ID).block();

        assertThat(rollback.id()).isEqualTo(NEW_ID);
        assertThat(rollback.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(OLD_ID);
        assertThat(rollback.emulated()).isTrue();
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments"))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson(
                        "{\"environment\":\"staging\",\"process_type\":\"docker\",\"image\":\"nginx:1.27\"}")));
    }

    @Test
    void rollbackToAnArtifactRedeploysTheArtifact() {
        wm.stubFor(
                get("/api/v1/deployments/" + OLD_ID)
                        .willReturn(
                                okJson(
                                        "{\"id\":\"" + OLD_ID + "\",\"app_id\":\"zec-web\",\"status\":\"succeeded\","
                                                + "\"spec\":{\"artifact_id\":\"art-7\",\"process_type\":\"tish\"},\"environment_slug\":\"dev\"}")));
        wm.stubFor(post("/api/v1/apps/zec-web/deployments")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(deployment(NEW_ID, "pending", 0, 1))));

        adapter.rollback(OLD_ID).block();

        wm.verify(postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments"))
                .withRequestBody(
                        equalToJson("{\"environment\":\"dev\",\"process_type\":\"tish\",\"artifact_id\":\"art-7\"}")));
    }

    @Test
    void rollbackToASourceBuiltDeploymentPromotesItIntoItsOwnEnvironment() {
        wm.stubFor(get("/api/v1/deployments/" + OLD_ID)
                .willReturn(okJson("{\"id\":\"" + OLD_ID + "\",\"app_id\":\"zec-web\",\"status\":\"succeeded\","
                        + "\"spec\":{\"process_type\":\"tish\",\"image\":null},\"environment_slug\":\"production\"}")));
        wm.stubFor(post("/api/v1/deployments/" + OLD_ID + "/promote")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"deployment_id\":\"" + NEW_ID + "\",\"message\":\"promoted\"}")));
        wm.stubFor(get("/api/v1/deployments/" + NEW_ID).willReturn(okJson(deployment(NEW_ID, "pending", 0, 1))));

        Deployment rollback = adapter.rollback(OLD_ID).block();

        assertThat(rollback.id()).isEqualTo(NEW_ID);
        assertThat(rollback.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(OLD_ID);
        assertThat(rollback.emulated()).isTrue();
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/deployments/" + OLD_ID + "/promote"))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"strategy\":\"instant\",\"environment\":\"production\"}")));
        wm.verify(0, postRequestedFor(urlEqualTo("/api/v1/apps/zec-web/deployments")));
    }

    @Test
    void rollbackToAnUnknownDeploymentIsNotFoundAndCreatesNothing() {
        wm.stubFor(get("/api/v1/deployments/" + OLD_ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.rollback(OLD_ID).block()).isInstanceOf(ProviderException.NotFound.class);
        wm.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void runtimeComesFromTheTaskCounts() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "running", 1, 2))));

        RuntimeHealth runtime = adapter.runtime(ID).block();

        assertThat(runtime.ready()).isEqualTo(1);
        assertThat(runtime.total()).isEqualTo(2);
        assertThat(runtime.phase()).isEqualTo("running");
    }

    @Test
    void runtimeOfAnUnknownDeploymentIsNotFound() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.runtime(ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void authHeadersCarryTheApiKey() {
        assertThat(adapter.authHeaders().block()).containsEntry("X-API-Key", TOKEN);
    }
}
