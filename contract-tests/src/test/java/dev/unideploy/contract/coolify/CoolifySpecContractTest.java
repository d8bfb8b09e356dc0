package dev.unideploy.contract.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request the Coolify adapter sends, checked against Coolify's published OpenAPI spec. */
class CoolifySpecContractTest {

    @RegisterExtension
    static WireMockExtension coolify = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String BASE = "/api/v1";
    static final String DEPLOY = "{\"deployments\":[{\"message\":\"Application web deployment queued.\","
            + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":\"d-1\"}]}";
    static final String CANCEL = "{\"message\":\"Deployment cancelled successfully.\",\"deployment_uuid\":\"d-1\","
            + "\"status\":\"cancelled-by-user\"}";
    static final String ROLLBACK = "{\"message\":\"Rollback deployment queued.\",\"deployment_uuid\":\"d-1\"}";
    private PublishedSpec spec;
    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() throws IOException {
        // Per test, so that a checkout without ../shared shows each validation as skipped, with the reason.
        spec = PublishedSpec.load("coolify.json");
        ProviderAdapterFactory factory = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("coolify"))
                .findFirst()
                .orElseThrow();
        adapter = factory.create(ProviderConnection.of(
                "coolify-spec", "coolify", URI.create(coolify.baseUrl() + BASE), Map.of("token", "sandbox")));
        String row = CoolifyAdapterContractTest.row("d-1", "in_progress");
        coolify.stubFor(post(urlPathEqualTo(BASE + "/deploy")).willReturn(okJson(DEPLOY)));
        coolify.stubFor(get(BASE + "/deployments/d-1").willReturn(okJson(row)));
        coolify.stubFor(get(BASE + "/deployments").willReturn(okJson("[" + row + "]")));
        coolify.stubFor(get(urlPathEqualTo(BASE + "/deployments/applications/cool-web"))
                .willReturn(okJson("{\"count\":1,\"deployments\":[" + row + "]}")));
        coolify.stubFor(post(BASE + "/deployments/d-1/cancel").willReturn(okJson(CANCEL)));
        coolify.stubFor(post(BASE + "/applications/cool-web/rollback").willReturn(okJson(ROLLBACK)));
        coolify.stubFor(get(urlPathEqualTo(BASE + "/applications"))
                .willReturn(okJson("[{\"uuid\":\"cool-web\",\"name\":\"web\",\"fqdn\":\"https://web.example\","
                        + "\"status\":\"running\",\"git_branch\":\"main\",\"environment_id\":1}]")));
    }

    @Test
    @DisplayName("every request the adapter sends conforms to Coolify's published spec")
    void requestsConformToTheSpec() {
        adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, true, "c-1"))
                .block();
        adapter.getDeployment("d-1").block();
        adapter.listDeployments("cool-web", "0", 20).block();
        adapter.logs("d-1", 10).block();
        adapter.cancel("d-1").block();
        adapter.rollback("d-1").block();
        adapter.listApps().block();

        List<LoggedRequest> sent =
                coolify.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
        assertThat(sent)
                .extracting(LoggedRequest::getUrl)
                .contains(
                        BASE + "/deploy?uuid=cool-web&force=true",
                        BASE + "/deployments/applications/cool-web?skip=0&take=20",
                        BASE + "/applications/cool-web/rollback");
        sent.forEach(request ->
                assertThat(spec.violations(request, BASE)).as(request.getUrl()).isEmpty());
    }

    @Test
    @DisplayName("the deduplicated trigger's adoption read conforms too")
    void adoptionConformsToTheSpec() {
        coolify.stubFor(post(urlPathEqualTo(BASE + "/deploy"))
                .willReturn(okJson("{\"deployments\":[{\"message\":\"Deployment already queued for this commit.\","
                        + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":\"phantom\"}]}")));

        adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c-2"))
                .block();

        coolify.getAllServeEvents()
                .forEach(event -> assertThat(spec.violations(event.getRequest(), BASE))
                        .as(event.getRequest().getUrl())
                        .isEmpty());
    }

    @Test
    @DisplayName("the stubbed answers conform where the spec is right (not the per-app list: it says Application[])")
    void stubbedResponsesConformToTheSpec() {
        assertThat(spec.responseViolations(
                        "GET", "/deployments/{uuid}", 200, CoolifyAdapterContractTest.row("d-1", "queued")))
                .isEmpty();
        assertThat(spec.responseViolations("POST", "/deployments/{uuid}/cancel", 200, CANCEL))
                .isEmpty();
        assertThat(spec.responseViolations("POST", "/applications/{uuid}/rollback", 200, ROLLBACK))
                .isEmpty();
    }

    @Test
    @DisplayName("the validator catches what Coolify rejects: GET /deploy, a rollback without commit")
    void theValidatorCatchesViolations() {
        coolify.stubFor(get(urlPathEqualTo(BASE + "/deploy")).willReturn(okJson("{}")));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try {
            client.send(
                    java.net.http.HttpRequest.newBuilder(URI.create(coolify.baseUrl() + BASE + "/deploy?uuid=x"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            client.send(
                    java.net.http.HttpRequest.newBuilder(
                                    URI.create(coolify.baseUrl() + BASE + "/applications/cool-web/rollback"))
                            .header("Authorization", "Bearer t")
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"tag\":\"v1\"}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        List<LoggedRequest> sent =
                coolify.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
        assertThat(sent)
                .allSatisfy(
                        request -> assertThat(spec.violations(request, BASE)).isNotEmpty());
    }
}
