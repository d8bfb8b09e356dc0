package dev.unideploy.contract.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.unideploy.sandbox.testing.ProviderSpec;
import dev.unideploy.sandbox.testing.ProviderSpec.Violation;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
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
    private ProviderSpec spec;
    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() throws IOException {
        // Per test, so that a checkout without ../shared shows each validation as skipped, with the reason.
        spec = ProviderSpec.load("coolify.json", BASE);
        ProviderAdapterFactory factory = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("coolify"))
                .findFirst()
                .orElseThrow();
        adapter = factory.create(ProviderConnection.of(
                "coolify-spec", "coolify", URI.create(coolify.baseUrl() + BASE), Map.of("token", "sandbox")));
        String row = CoolifyRows.row("d-1", "in_progress");
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
                assertThat(spec.violations(request)).as(request.getUrl()).isEmpty());
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
                .forEach(event -> assertThat(spec.violations(event.getRequest()))
                        .as(event.getRequest().getUrl())
                        .isEmpty());
    }

    @Test
    @DisplayName("the stubbed answers conform where the spec is right; where it is wrong, it is wrong as documented")
    void stubbedResponsesConformToTheSpec() {
        String row = CoolifyRows.row("d-1", "queued");
        assertThat(spec.responseViolations("GET", "/deployments/d-1", 200, row)).isEmpty();
        assertThat(spec.responseViolations("POST", "/deployments/d-1/cancel", 200, CANCEL))
                .isEmpty();
        assertThat(spec.responseViolations("POST", "/applications/cool-web/rollback", 200, ROLLBACK))
                .isEmpty();
        // The spec says the per-app list is an array of Application; Coolify answers {count, deployments}
        // (PROVIDERS.md §1). Pinned to that one rule, so that a corrected spec shows up here.
        assertThat(spec.responseViolations(
                        "GET",
                        "/deployments/applications/cool-web",
                        200,
                        "{\"count\":1,\"deployments\":[" + row + "]}"))
                .extracting(Violation::rule)
                .containsExactly("validation.response.body.schema.type");
    }

    @Test
    @DisplayName("the checker reports what Coolify rejects, each by its rule")
    void theCheckerReportsViolations() {
        assertReported("validation.request.operation.notAllowed", "GET", "/deploy?uuid=x", null, true);
        assertReported("validation.request.parameter.schema.type", "POST", "/deploy?uuid=x&force=1", null, true);
        assertReported("validation.request.security.missing", "GET", "/deployments/d-1", null, false);
        assertReported("validation.request.parameter.query.unexpected", "GET", "/deployments?page=2", null, true);
        assertReported(
                "validation.request.parameter.schema.minimum",
                "GET",
                "/deployments/applications/cool-web?take=0",
                null,
                true);
        assertReported(
                "validation.request.body.schema.required",
                "POST",
                "/applications/cool-web/rollback",
                "{\"tag\":\"v1\"}",
                true);
        assertReported(
                "validation.request.body.schema.type",
                "POST",
                "/applications/cool-web/rollback",
                "{\"commit\":42}",
                true);
    }

    /** A request as WireMock would log it (not sent by the adapter): the spec must name the rule it breaks. */
    private void assertReported(String rule, String method, String pathAndQuery, @Nullable String json, boolean token) {
        ImmutableRequest.Builder request = ImmutableRequest.create()
                .withAbsoluteUrl("http://localhost" + BASE + pathAndQuery)
                .withMethod(RequestMethod.fromString(method))
                .withBody(json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
        if (json != null) {
            request.withHeader("Content-Type", "application/json");
        }
        if (token) {
            request.withHeader("Authorization", "Bearer sandbox");
        }
        assertThat(spec.violations(LoggedRequest.createFrom(request.build())))
                .as(method + " " + pathAndQuery)
                .extracting(Violation::rule)
                .contains(rule);
    }
}
