package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.client.ApiClient;
import dev.unideploy.client.api.AppsApi;
import dev.unideploy.client.api.DeploymentsApi;
import dev.unideploy.client.api.EventsApi;
import dev.unideploy.client.api.ProvidersApi;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentKind;
import dev.unideploy.client.model.DeploymentList;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.PromoteRequest;
import dev.unideploy.client.model.Provider;
import dev.unideploy.client.model.ScaleRequest;
import dev.unideploy.client.model.TrafficRequest;
import dev.unideploy.client.model.TrafficSplit;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** The gateway in sandbox mode, called as a user would: through the generated Java SDK. */
class SandboxEndToEndTest extends SandboxGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    ProvidersApi providers;
    DeploymentsApi deployments;
    AppsApi apps;
    EventsApi events;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient().setBasePath("http://127.0.0.1:" + port);
        client.setBearerToken("sandbox");
        providers = new ProvidersApi(client);
        deployments = new DeploymentsApi(client);
        apps = new AppsApi(client);
        events = new EventsApi(client);
    }

    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("coolify", "coolify:cool-web", "coolify:cool-broken"),
                Arguments.of("dokploy", "dokploy:dok-web", "dokploy:dok-broken"),
                Arguments.of("zectre", "zectre:zec-web", "zectre:zec-broken"),
                Arguments.of("dooor", "dooor:door-web", "dooor:door-broken"),
                Arguments.of("mist", "mist:1", "mist:2"));
    }

    private Deployment trigger(String appId) {
        return deployments
                .triggerDeployment(new TriggerDeploymentRequest().appId(appId), null)
                .block(WAIT);
    }

    private Deployment await(String id) {
        return deployments.getDeployment(id, null, "terminal", 60).block(WAIT);
    }

    @Test
    @DisplayName("the sandbox lists its five provider connections, each answering")
    void fiveProviders() {
        List<Provider> items = providers.listProviders().block(WAIT).getItems();
        assertThat(items).extracting(Provider::getId).containsExactly("coolify", "dokploy", "zectre", "dooor", "mist");
        assertThat(items).allSatisfy(provider -> {
            assertThat(provider.getSandbox()).isTrue();
            assertThat(provider.getHealth()).isEqualTo(Provider.HealthEnum.UP);
        });
        assertThat(apps.listApps(null).block(WAIT).getItems()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}: trigger → succeeded, logs, listed, live events")
    @DisplayName("a deployment triggers, succeeds with providerStatus kept, has logs, is listed and streams events")
    @MethodSource("providers")
    void deploysThroughTheGateway(String provider, String app, String broken) {
        Deployment created = trigger(app);
        assertThat(created.getId()).startsWith(provider + ":");
        assertThat(created.getAppId()).isEqualTo(app);

        String stream = events.streamDeploymentEvents(created.getId(), null).block(WAIT);
        assertThat(stream).contains("event:status").contains("event:end");
        assertThat(stream.indexOf("event:end")).isGreaterThan(stream.lastIndexOf("event:status"));

        Deployment done = await(created.getId());
        assertThat(done.getStatus()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.getTerminal()).isTrue();
        assertThat(done.getProviderStatus()).isNotBlank();

        assertThat(deployments
                        .getDeploymentLogs(created.getId(), null)
                        .block(WAIT)
                        .getItems())
                .isNotEmpty();
        DeploymentList listed =
                deployments.listDeployments(List.of(app), null, 50, null).block(WAIT);
        assertThat(listed.getItems()).extracting(Deployment::getId).contains(created.getId());
        assertThat(listed.getErrors()).isEmpty();

        assertThat(await(trigger(broken).getId()).getStatus()).isEqualTo(DeploymentStatus.FAILED);
    }

    @ParameterizedTest(name = "{0}: cancel right after trigger")
    @DisplayName("a deployment cancelled right after its trigger ends cancelled (Dooor: 501, nothing sent)")
    @MethodSource("providers")
    void cancels(String provider, String app, String broken) {
        if (provider.equals("dokploy")) {
            // Dokploy cancels only a waiting deployment: ours waits while this one builds (one build at a time)
            trigger(broken);
        }
        Deployment created = trigger(app);
        if (provider.equals("dooor")) {
            assertThatThrownBy(() ->
                            deployments.cancelDeployment(created.getId(), null).block(WAIT))
                    .isInstanceOfSatisfying(WebClientResponseException.class, e -> {
                        assertThat(e.getStatusCode().value()).isEqualTo(501);
                        assertThat(e.getResponseBodyAsString()).contains("\"code\":\"unsupported_operation\"");
                    });
            return;
        }
        assertThat(deployments
                        .cancelDeployment(created.getId(), null)
                        .block(WAIT)
                        .getStatus())
                .isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(await(created.getId()).getStatus()).isEqualTo(DeploymentStatus.CANCELLED);
    }

    @Test
    @DisplayName("Zectre: a deployment promotes to production (202) and its app scales")
    void zectrePromotesAndScales() {
        Deployment done = await(trigger("zectre:zec-web").getId());
        Deployment promoted = deployments
                .promoteDeployment(done.getId(), new PromoteRequest().environment("production"), null)
                .block(WAIT);
        assertThat(promoted.getKind()).isEqualTo(DeploymentKind.PROMOTE);
        assertThat(promoted.getId()).startsWith("zectre:").isNotEqualTo(done.getId());
        assertThat(apps.scaleApp("zectre:zec-web", new ScaleRequest().replicas(3), null)
                        .block(WAIT)
                        .getRequestedReplicas())
                .isEqualTo(3);
        assertThat(deployments.getDeploymentRuntime(done.getId()).block(WAIT).getTotal())
                .isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coolify:cool-broken", "zectre:zec-broken", "dooor:door-broken"})
    @DisplayName("rollback to a failed deployment is 409 conflict, and the provider gets no new deployment")
    void rollbackToAFailedDeploymentIsAConflict(String app) {
        List<Deployment> before = deployments
                .listDeployments(List.of(app), null, 50, null)
                .block(WAIT)
                .getItems();
        Deployment failed = before.stream()
                .filter(deployment -> deployment.getStatus() == DeploymentStatus.FAILED)
                .findFirst()
                .orElseThrow();

        assertThatThrownBy(() ->
                        deployments.rollbackDeployment(failed.getId(), null).block(WAIT))
                .isInstanceOfSatisfying(WebClientResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(409);
                    assertThat(e.getResponseBodyAsString())
                            .contains("\"code\":\"conflict\"")
                            .contains("only a succeeded deployment can be a rollback target");
                });
        assertThat(deployments
                        .listDeployments(List.of(app), null, 50, null)
                        .block(WAIT)
                        .getItems())
                .extracting(Deployment::getId)
                .containsExactlyElementsOf(
                        before.stream().map(Deployment::getId).toList());
    }

    @Test
    @DisplayName("Dooor: rollback (202, kind rollback), revisions, traffic 90 → 400 and 100 → 200, runtime")
    void dooorRollbackRevisionsTraffic() {
        Deployment done = await(trigger("dooor:door-web").getId());
        Deployment rollback = deployments.rollbackDeployment(done.getId(), null).block(WAIT);
        assertThat(rollback.getKind()).isEqualTo(DeploymentKind.ROLLBACK);
        assertThat(rollback.getRollbackOf()).isEqualTo(done.getId());

        var revisions = apps.listRevisions("dooor:door-web").block(WAIT).getItems();
        assertThat(revisions).isNotEmpty();
        String revision = revisions.get(0).getName();
        assertThatThrownBy(() -> apps.setTraffic(
                                "dooor:door-web",
                                new TrafficRequest()
                                        .splits(List.of(new TrafficSplit()
                                                .revision(revision)
                                                .percent(90))),
                                null)
                        .block(WAIT))
                .isInstanceOfSatisfying(
                        WebClientResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        assertThat(apps.setTraffic(
                                "dooor:door-web",
                                new TrafficRequest()
                                        .splits(List.of(new TrafficSplit()
                                                .revision(revision)
                                                .percent(100))),
                                null)
                        .block(WAIT)
                        .getSplits())
                .extracting(TrafficSplit::getPercent)
                .containsExactly(100);
        assertThat(deployments.getDeploymentRuntime(done.getId()).block(WAIT).getReady())
                .isNotNull();
    }

    @Test
    @DisplayName("a two-provider list is newest first and its cursor pages continue without repeats")
    void mergedListAcrossProviders() {
        await(trigger("coolify:cool-web").getId());
        await(trigger("mist:1").getId());
        List<String> ids = new ArrayList<>();
        List<OffsetDateTime> created = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            DeploymentList page = cursor == null
                    ? deployments
                            .listDeployments(List.of("coolify:cool-web", "mist:1"), null, 2, null)
                            .block(WAIT)
                    : deployments.listDeployments(null, null, 2, cursor).block(WAIT);
            page.getItems().forEach(d -> {
                ids.add(d.getId());
                created.add(d.getCreatedAt());
            });
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(pages).isGreaterThan(2);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).anyMatch(id -> id.startsWith("coolify:")).anyMatch(id -> id.startsWith("mist:"));
        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).isBeforeOrEqualTo(created.get(i - 1));
        }
    }

    @Test
    @DisplayName("the same Idempotency-Key twice reaches the provider once; with another body it answers 422")
    void idempotency() {
        var coolify = sandbox.sandbox().provider("coolify").server();
        int before = coolify.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/v1/deploy")).build())
                .getCount();
        Deployment first = deployments
                .triggerDeployment(new TriggerDeploymentRequest().appId("coolify:cool-web"), "e2e-key-1")
                .block(WAIT);
        Deployment again = deployments
                .triggerDeployment(new TriggerDeploymentRequest().appId("coolify:cool-web"), "e2e-key-1")
                .block(WAIT);
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(coolify.countRequestsMatching(postRequestedFor(urlPathEqualTo("/api/v1/deploy"))
                                .build())
                        .getCount())
                .isEqualTo(before + 1);
        assertThatThrownBy(() -> deployments
                        .triggerDeployment(new TriggerDeploymentRequest().appId("coolify:cool-broken"), "e2e-key-1")
                        .block(WAIT))
                .isInstanceOfSatisfying(WebClientResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(422);
                    assertThat(e.getResponseBodyAsString()).contains("idempotency_key_reused");
                });
    }

    @Test
    @DisplayName("unknown ids answer 404 not_found; the raw payload carries no credential")
    void notFoundAndRaw() {
        assertThatThrownBy(() -> deployments
                        .getDeployment("coolify:no-such-uuid", null, null, null)
                        .block(WAIT))
                .isInstanceOfSatisfying(WebClientResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(404);
                    assertThat(e.getResponseBodyAsString()).contains("\"code\":\"not_found\"");
                });
        Deployment done = await(trigger("dokploy:dok-web").getId());
        Deployment raw =
                deployments.getDeployment(done.getId(), "raw", null, null).block(WAIT);
        assertThat(raw.getRaw()).isNotEmpty();
        assertThat(raw.getRaw().toString()).doesNotContain("sandbox@unideploy.dev");
    }
}
