package dev.unideploy.adapter.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stub → call → assert the normalised result → assert the request sent. */
class CoolifyAdapterTest {

    @RegisterExtension
    static WireMockExtension coolify = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String AUTH = "Bearer secret-token";
    private ProviderAdapter adapter;

    static String row(String uuid, String status) {
        return """
                {"id":7,"deployment_uuid":"%s","application_id":"3","application_name":"web","status":"%s",
                 "commit":"abc123","commit_message":"fix","rollback":false,
                 "deployment_url":"/project/p1/environment/e1/application/cool-web/deployment/%s",
                 "created_at":"2026-11-22T10:00:00.000000Z","finished_at":null,
                 "logs":"[{\\"command\\":null,\\"output\\":\\"Building\\\\nDone\\",\\"type\\":\\"stdout\\",\\"timestamp\\":\\"2026-11-22T10:00:01.000000Z\\",\\"hidden\\":false,\\"batch\\":1,\\"order\\":1},{\\"command\\":\\"docker login\\",\\"output\\":\\"secret\\",\\"type\\":\\"stdout\\",\\"timestamp\\":\\"2026-11-22T10:00:02.000000Z\\",\\"hidden\\":true,\\"batch\\":1,\\"order\\":2}]"}
                """.formatted(uuid, status, uuid);
    }

    @BeforeEach
    void setUp() {
        adapter = new CoolifyAdapterFactory()
                .create(ProviderConnection.of(
                        "cool", "coolify", URI.create(coolify.baseUrl() + "/api/v1"), Map.of("token", "secret-token")));
    }

    @Test
    void factoryNeedsToken() {
        assertThatThrownBy(() -> new CoolifyAdapterFactory()
                        .create(ProviderConnection.of("c", "coolify", URI.create("http://x"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
    }

    @Test
    void getDeployment() {
        coolify.stubFor(get("/api/v1/deployments/d-1").willReturn(okJson(row("d-1", "in_progress"))));

        Deployment deployment = adapter.getDeployment("d-1").block();

        assertThat(deployment.id()).isEqualTo("d-1");
        assertThat(deployment.appId()).isEqualTo("cool-web");
        assertThat(deployment.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("in_progress");
        assertThat(deployment.source().commitSha()).isEqualTo("abc123");
        assertThat(deployment.raw().has("logs")).as("logs never in raw").isFalse();
        coolify.verify(
                getRequestedFor(urlEqualTo("/api/v1/deployments/d-1")).withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void numericApplicationIdWithoutUiPathIsTolerated() {
        coolify.stubFor(get("/api/v1/deployments/d-1")
                .willReturn(okJson("{\"deployment_uuid\":\"d-1\",\"application_id\":3,\"status\":\"Finished\"}")));

        Deployment deployment = adapter.getDeployment("d-1").block();

        assertThat(deployment.appId()).isEqualTo("3");
        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("Finished");
    }

    @Test
    void getDeploymentNotFound() {
        coolify.stubFor(get("/api/v1/deployments/d-1")
                .willReturn(notFound().withBody("{\"message\":\"Deployment not found.\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("d-1").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void invalidTokenIsAnAuthFailure() {
        coolify.stubFor(get("/api/v1/deployments/d-1")
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"Invalid token.\",\"docs\":\"x\"}")));
        assertThatThrownBy(() -> adapter.getDeployment("d-1").block())
                .isInstanceOf(ProviderException.AuthenticationFailed.class)
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void trigger() {
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(okJson("{\"deployments\":[{\"message\":\"Application web deployment queued.\","
                        + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":\"d-9\"}]}")));
        coolify.stubFor(get("/api/v1/deployments/d-9").willReturn(okJson(row("d-9", "queued"))));

        Deployment deployment = adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c-1"))
                .block();

        assertThat(deployment.id()).isEqualTo("d-9");
        assertThat(deployment.status()).isEqualTo(Status.QUEUED);
        coolify.verify(postRequestedFor(urlEqualTo("/api/v1/deploy?uuid=cool-web&force=false"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(absent()));
    }

    @Test
    void triggerOfUnknownAppIsNotFound() {
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(notFound().withBody("{\"message\":\"Resource not found.\"}")));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("nope", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void triggerDedupedAdoptsTheRunningDeployment() {
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(okJson("{\"deployments\":[{\"message\":\"Deployment already queued for this commit.\","
                        + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":\"phantom\"}]}")));
        coolify.stubFor(get("/api/v1/deployments")
                .willReturn(okJson("[" + row("other", "queued").replace("cool-web", "other-app") + ","
                        + row("d-run", "in_progress") + "]")));

        Deployment deployment = adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c"))
                .block();

        assertThat(deployment.id()).isEqualTo("d-run");
        coolify.verify(0, getRequestedFor(urlEqualTo("/api/v1/deployments/phantom")));
    }

    @Test
    void triggerWithPhantomUuidAdoptsOn404() {
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(okJson("{\"deployments\":[{\"message\":\"queued\",\"deployment_uuid\":\"phantom\"}]}")));
        coolify.stubFor(get("/api/v1/deployments/phantom").willReturn(notFound()));
        coolify.stubFor(get("/api/v1/deployments").willReturn(okJson("[" + row("d-run", "queued") + "]")));

        assertThat(adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c"))
                        .block()
                        .id())
                .isEqualTo("d-run");
    }

    @Test
    void triggerQueueFullIsRateLimited() {
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "60")
                        .withBody("{\"message\":\"full\"}")));
        assertThatThrownBy(() -> adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c"))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.RateLimited.class,
                        limited -> assertThat(limited.retryAfter()).contains(Duration.ofSeconds(60)));
    }

    @Test
    void listDeploymentsPagesWithSkipTake() {
        coolify.stubFor(get("/api/v1/deployments/applications/cool-web?skip=2&take=2")
                .willReturn(okJson("{\"count\":5,\"deployments\":[" + row("d-3", "finished") + ","
                        + row("d-2", "failed") + "]}")));

        DeploymentPage page = adapter.listDeployments("cool-web", "2", 2).block();

        assertThat(page.items()).extracting(Deployment::id).containsExactly("d-3", "d-2");
        assertThat(page.nextPageToken()).isEqualTo("4");
        coolify.verify(getRequestedFor(urlEqualTo("/api/v1/deployments/applications/cool-web?skip=2&take=2"))
                .withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void listDeploymentsLastPage() {
        coolify.stubFor(get("/api/v1/deployments/applications/cool-web?skip=0&take=20")
                .willReturn(okJson("{\"count\":1,\"deployments\":[" + row("d-3", "finished") + "]}")));
        assertThat(adapter.listDeployments("cool-web", null, 20).block().nextPageToken())
                .isNull();
    }

    @Test
    void listDeploymentsOfUnknownApp() {
        coolify.stubFor(
                get("/api/v1/deployments/applications/nope?skip=0&take=20").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.listDeployments("nope", null, 20).block())
                .isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void logsDropHiddenEntries() {
        coolify.stubFor(get("/api/v1/deployments/d-1").willReturn(okJson(row("d-1", "finished"))));

        Logs logs = adapter.logs("d-1", null).block();

        assertThat(logs.items()).extracting(LogLine::message).containsExactly("Building", "Done");
        assertThat(logs.items().get(0).stream()).isEqualTo("stdout");
        assertThat(logs.complete()).isTrue();
    }

    @Test
    void logsAsPlainTextAreTolerated() {
        coolify.stubFor(get("/api/v1/deployments/d-1")
                .willReturn(okJson(
                        "{\"deployment_uuid\":\"d-1\",\"status\":\"in_progress\",\"logs\":\"one\\ntwo\\nthree\"}")));

        Logs logs = adapter.logs("d-1", 2).block();

        assertThat(logs.items()).extracting(LogLine::message).containsExactly("two", "three");
        assertThat(logs.complete()).isFalse();
    }

    @Test
    void logsOfUnknownDeployment() {
        coolify.stubFor(get("/api/v1/deployments/d-1").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.logs("d-1", null).block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void cancel() {
        coolify.stubFor(post("/api/v1/deployments/d-1/cancel")
                .willReturn(okJson("{\"message\":\"Deployment cancelled successfully.\",\"deployment_uuid\":\"d-1\","
                        + "\"status\":\"cancelled-by-user\"}")));
        coolify.stubFor(get("/api/v1/deployments/d-1").willReturn(okJson(row("d-1", "cancelled-by-user"))));

        Deployment deployment = adapter.cancel("d-1").block();

        assertThat(deployment.status()).isEqualTo(Status.CANCELLED);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("cancelled-by-user");
        coolify.verify(postRequestedFor(urlEqualTo("/api/v1/deployments/d-1/cancel"))
                .withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void cancelOfFinishedIsConflict() {
        coolify.stubFor(post("/api/v1/deployments/d-1/cancel")
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"Deployment cannot be cancelled.\"}")));
        assertThatThrownBy(() -> adapter.cancel("d-1").block()).isInstanceOf(ProviderException.Conflict.class);
    }

    @Test
    void cancelOfUnknownIsNotFound() {
        coolify.stubFor(post("/api/v1/deployments/d-1/cancel").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.cancel("d-1").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void rollbackRedeploysTheTargetCommit() {
        coolify.stubFor(get("/api/v1/deployments/d-old").willReturn(okJson(row("d-old", "finished"))));
        coolify.stubFor(post("/api/v1/applications/cool-web/rollback")
                .willReturn(okJson("{\"message\":\"Rollback deployment queued.\",\"deployment_uuid\":\"d-rb\"}")));
        coolify.stubFor(get("/api/v1/deployments/d-rb")
                .willReturn(okJson(row("d-rb", "queued").replace("\"rollback\":false", "\"rollback\":true"))));

        Deployment deployment = adapter.rollback("d-old").block();

        assertThat(deployment.id()).isEqualTo("d-rb");
        assertThat(deployment.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(deployment.rollbackOf()).isEqualTo("d-old");
        coolify.verify(postRequestedFor(urlEqualTo("/api/v1/applications/cool-web/rollback"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("{\"commit\":\"abc123\"}")));
    }

    @Test
    void rollbackOfUnknownIsNotFound() {
        coolify.stubFor(get("/api/v1/deployments/d-old").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.rollback("d-old").block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void listApps() {
        coolify.stubFor(
                get("/api/v1/applications")
                        .willReturn(
                                okJson(
                                        "[{\"uuid\":\"cool-web\",\"name\":\"web\",\"fqdn\":\"https://web\",\"status\":\"running\","
                                                + "\"git_branch\":\"main\",\"environment_id\":1,\"manual_webhook_secret_github\":\"s3cret\"}]")));

        List<App> apps = adapter.listApps().block();

        assertThat(apps.get(0).raw().toString()).as("raw is allow-listed").doesNotContain("s3cret");
        assertThat(apps)
                .extracting(App::id, App::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cool-web", "web"));
        coolify.verify(getRequestedFor(urlEqualTo("/api/v1/applications")).withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void listAppsNotFound() {
        coolify.stubFor(get("/api/v1/applications").willReturn(notFound()));
        assertThatThrownBy(() -> adapter.listApps().block()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void toStringHoldsNoSecret() {
        assertThat(adapter.toString()).doesNotContain("secret-token");
        assertThat(adapter.connection().toString()).doesNotContain("secret-token");
    }
}
