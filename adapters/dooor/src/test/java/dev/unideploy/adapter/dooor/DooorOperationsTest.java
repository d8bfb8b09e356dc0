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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.unideploy.adapter.dooor.DooorFixtures.ID;
import static dev.unideploy.adapter.dooor.DooorFixtures.TOKEN;
import static dev.unideploy.adapter.dooor.DooorFixtures.WS;
import static dev.unideploy.adapter.dooor.DooorFixtures.deployment;
import static dev.unideploy.adapter.dooor.DooorFixtures.revisions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dooor's scale, rollback, runtime, revisions, traffic and revision promote; cancel is unsupported. */
class DooorOperationsTest {

    private static final String BEARER = "Bearer " + TOKEN;
    private static final String OLD_ID = "dep_00hxold";
    private static final String NEW_ID = "dep_02hxnew";

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
    void capabilities() {
        assertThat(adapter.capabilities())
                .containsEntry(Capability.CANCEL, Support.UNSUPPORTED)
                .containsEntry(Capability.DELETE, Support.UNSUPPORTED)
                .containsEntry(Capability.EVENTS, Support.UNSUPPORTED)
                .containsEntry(Capability.ROLLBACK, Support.NATIVE)
                .containsEntry(Capability.SCALE, Support.NATIVE)
                .containsEntry(Capability.REVISIONS, Support.NATIVE)
                .containsEntry(Capability.TRAFFIC, Support.NATIVE)
                .containsEntry(Capability.PROMOTE, Support.NATIVE)
                .containsEntry(Capability.RUNTIME, Support.NATIVE);
    }

    @Test
    void cancelIsUnsupportedAndSendsNothing() {
        assertThatThrownBy(() -> adapter.cancel(ID).block())
                .isInstanceOfSatisfying(
                        ProviderException.Unsupported.class,
                        e -> assertThat(e.capability()).isEqualTo(Capability.CANCEL));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void scaleSendsAppAndReplicas() {
        wm.stubFor(post(WS + "/deploy/scale")
                .willReturn(okJson("{\"appId\":\"door-web\",\"name\":\"web\",\"requestedReplicas\":3,"
                        + "\"currentReplicas\":2,\"status\":\"scaling\"}")));

        ScaleResult result = adapter.scale("door-web", 3).block();

        assertThat(result).isEqualTo(new ScaleResult("door-web", 3, 2, "scaling"));
        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy/scale"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"appId\":\"door-web\",\"replicas\":3}")));
    }

    @Test
    void scaleOfAnUnknownAppIsNotFound() {
        wm.stubFor(post(WS + "/deploy/scale").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.scale("nope", 0).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @ParameterizedTest(name = "{0} replicas are refused before any call")
    @ValueSource(ints = {-1, 11, 100})
    void scaleOutOfRangeSendsNothing(int replicas) {
        assertThatThrownBy(() -> adapter.scale("door-web", replicas).block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        e -> assertThat(e.field()).contains("replicas"));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void rollbackIsNativeAndNamesWhatItRolledBackFrom() {
        wm.stubFor(post(WS + "/deploy/" + OLD_ID + "/rollback")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + NEW_ID + "\",\"status\":\"deploying\",\"appId\":\"door-web\","
                                + "\"rolledBackFrom\":\"" + OLD_ID + "\",\"gitCommitSha\":\"z9y8x7w\","
                                + "\"createdAt\":\"2026-11-22T13:00:00Z\"}")));

        Deployment rollback = adapter.rollback(OLD_ID).block();

        assertThat(rollback.id()).isEqualTo(NEW_ID);
        assertThat(rollback.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(rollback.rollbackOf()).isEqualTo(OLD_ID);
        assertThat(rollback.emulated()).isFalse();
        assertThat(rollback.status()).isEqualTo(Status.IN_PROGRESS);
        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy/" + OLD_ID + "/rollback"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void rollbackToAnUnknownDeploymentIsNotFound() {
        wm.stubFor(post(WS + "/deploy/" + OLD_ID + "/rollback").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.rollback(OLD_ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void rollbackToATargetThatDidNotSucceedIsAConflictNamingDooorsReason() {
        wm.stubFor(post(WS + "/deploy/" + OLD_ID + "/rollback")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\":400,\"message\":\"Only a succeeded deployment can be a rollback"
                                + " target\",\"error\":\"Bad Request\"}")));

        assertThatThrownBy(() -> adapter.rollback(OLD_ID).block())
                .isInstanceOfSatisfying(ProviderException.Conflict.class, conflict -> {
                    assertThat(conflict.getMessage()).contains("Only a succeeded deployment");
                    assertThat(conflict.upstreamStatus()).contains(400);
                });
    }

    @Test
    void aListedRollbackKeepsItsKind() {
        wm.stubFor(get(WS + "/deploy/" + NEW_ID)
                .willReturn(okJson("{\"id\":\"" + NEW_ID + "\",\"status\":\"failed\",\"appId\":\"door-web\","
                        + "\"rolledBackFrom\":\"" + OLD_ID + "\"}")));

        Deployment deployment = adapter.getDeployment(NEW_ID).block();

        assertThat(deployment.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(deployment.rollbackOf()).isEqualTo(OLD_ID);
        assertThat(deployment.live()).isFalse();
    }

    @Test
    void runtimeIsKubernetesReadiness() {
        wm.stubFor(get(WS + "/deploy/" + ID + "/runtime-status")
                .willReturn(okJson("{\"phase\":\"Running\",\"ready\":2,\"total\":3,\"conditions\":["
                        + "{\"type\":\"Available\",\"status\":\"True\",\"lastTransitionTime\":\"2026-11-22T12:01:10Z\"},"
                        + "{\"type\":\"Progressing\",\"status\":\"True\",\"message\":\"rolling\"}]}")));

        RuntimeHealth runtime = adapter.runtime(ID).block();

        assertThat(runtime)
                .isEqualTo(new RuntimeHealth(2, 3, "Running", List.of("Available=True", "Progressing=True: rolling")));
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy/" + ID + "/runtime-status"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void runtimeOfAnUnknownDeploymentIsNotFound() {
        wm.stubFor(get(WS + "/deploy/" + ID + "/runtime-status").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.runtime(ID).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void revisionsAreABareArray() {
        wm.stubFor(get(WS + "/deploy/apps/door-web/revisions").willReturn(okJson(revisions(90))));

        List<Revision> revisions = adapter.revisions("door-web").block();

        assertThat(revisions)
                .containsExactly(
                        new Revision(
                                "door-web-00005",
                                "registry.dooor.ai/org/door-web:sha256-abc",
                                90,
                                Instant.parse("2026-11-22T12:00:57Z")),
                        new Revision(
                                "door-web-00004",
                                "registry.dooor.ai/org/door-web:sha256-def",
                                10,
                                Instant.parse("2026-11-21T09:05:00Z")));
        wm.verify(getRequestedFor(urlEqualTo(WS + "/deploy/apps/door-web/revisions"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void revisionsOfAnUnknownAppAreNotFound() {
        wm.stubFor(get(WS + "/deploy/apps/nope/revisions").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.revisions("nope").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void trafficSplitsAreSentByRevisionName() {
        wm.stubFor(post(WS + "/deploy/apps/door-web/traffic")
                .willReturn(okJson("{\"appId\":\"door-web\",\"splits\":["
                        + "{\"revisionName\":\"door-web-00005\",\"percent\":10,\"tag\":\"canary\"},"
                        + "{\"revisionName\":\"door-web-00004\",\"percent\":90}],"
                        + "\"updatedAt\":\"2026-11-22T14:00:00Z\"}")));
        List<TrafficSplit> splits =
                List.of(new TrafficSplit("door-web-00005", 10, "canary"), new TrafficSplit("door-web-00004", 90, null));

        assertThat(adapter.setTraffic("door-web", splits).block()).isEqualTo(splits);
        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy/apps/door-web/traffic"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"splits\":["
                        + "{\"revisionName\":\"door-web-00005\",\"percent\":10,\"tag\":\"canary\"},"
                        + "{\"revisionName\":\"door-web-00004\",\"percent\":90}]}")));
    }

    @Test
    void trafficOfAnUnknownAppIsNotFound() {
        wm.stubFor(post(WS + "/deploy/apps/nope/traffic").willReturn(notFound()));

        assertThatThrownBy(() -> adapter.setTraffic("nope", List.of(new TrafficSplit("r", 100, null)))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void trafficNotSummingToAHundredSendsNothing() {
        assertThatThrownBy(() -> adapter.setTraffic(
                                "door-web",
                                List.of(new TrafficSplit("door-web-00005", 50, null), new TrafficSplit("b", 40, null)))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.InvalidRequest.class,
                        e -> assertThat(e.field()).contains("splits"))
                .hasMessageContaining("90");
        assertThatThrownBy(() -> adapter.setTraffic("door-web", List.of()).block())
                .isInstanceOf(ProviderException.InvalidRequest.class);
        assertThatThrownBy(() -> adapter.setTraffic(
                                "door-web", List.of(new TrafficSplit("a", 150, null), new TrafficSplit("b", -50, null)))
                        .block())
                .isInstanceOf(ProviderException.InvalidRequest.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void promoteSendsAllTrafficToTheDeploymentsRevision() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(okJson(deployment(ID, "succeeded"))));
        wm.stubFor(post(WS + "/deploy/revisions/door-web-00005/promote")
                .willReturn(okJson("{\"appId\":\"door-web\",\"promotedRevision\":\"door-web-00005\","
                        + "\"splits\":[{\"revisionName\":\"door-web-00005\",\"percent\":100}]}")));

        Deployment promoted =
                adapter.promote(ID, new PromoteRequest("production", null)).block();

        assertThat(promoted.id()).isEqualTo(ID);
        assertThat(promoted.live()).isTrue();
        wm.verify(postRequestedFor(urlEqualTo(WS + "/deploy/revisions/door-web-00005/promote"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void promoteOfAnUnknownDeploymentIsNotFound() {
        wm.stubFor(get(WS + "/deploy/" + ID).willReturn(notFound()));

        assertThatThrownBy(() -> adapter.promote(ID, new PromoteRequest("production", null))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
        wm.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void promoteOfADeploymentWithoutARevisionIsAConflict() {
        wm.stubFor(get(WS + "/deploy/" + ID)
                .willReturn(okJson("{\"id\":\"" + ID + "\",\"status\":\"building\",\"appId\":\"door-web\"}")));

        assertThatThrownBy(() -> adapter.promote(ID, new PromoteRequest("production", null))
                        .block())
                .isInstanceOf(ProviderException.Conflict.class);
    }

    @Test
    void authHeadersCarryTheBearerKey() {
        assertThat(adapter.authHeaders().block()).containsEntry("Authorization", BEARER);
    }
}
