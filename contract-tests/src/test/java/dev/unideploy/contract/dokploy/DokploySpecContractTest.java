package dev.unideploy.contract.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
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
import dev.unideploy.spi.Status;
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

/**
 * Every request the Dokploy adapter sends, checked against Dokploy's published OpenAPI spec. Responses are not
 * checked: the generated spec's response schemas are empty objects (PROVIDERS.md §2).
 */
class DokploySpecContractTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String BASE = "/api";
    static final String APP = DokployRows.APP;
    private ProviderSpec spec;
    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() throws IOException {
        // Per test, so that a checkout without ../shared shows each validation as skipped, with the reason.
        spec = ProviderSpec.load("dokploy.json", BASE);
        ProviderAdapterFactory factory = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("dokploy"))
                .findFirst()
                .orElseThrow();
        adapter = factory.create(ProviderConnection.of(
                "dokploy-spec", "dokploy", URI.create(dokploy.baseUrl() + BASE), Map.of("token", "sandbox")));
        dokploy.stubFor(post(BASE + "/application.deploy").willReturn(ok()));
        dokploy.stubFor(get(urlPathEqualTo(BASE + "/deployment.all"))
                .willReturn(okJson("["
                        + DokployRows.row("r1", "Manual", "running").replace("\"pid\":null", "\"pid\":\"4242\"")
                        + "," + DokployRows.row("r0", "Manual", "done") + "]")));
        dokploy.stubFor(get(BASE + "/deployment.queueList").willReturn(okJson("[]")));
        dokploy.stubFor(get(urlPathEqualTo(BASE + "/deployment.readLogs")).willReturn(okJson("\"line\"")));
        dokploy.stubFor(post(BASE + "/deployment.killProcess").willReturn(ok()));
        dokploy.stubFor(post(BASE + "/application.cleanQueues").willReturn(ok()));
        dokploy.stubFor(post(BASE + "/deployment.removeDeployment").willReturn(okJson("{}")));
        dokploy.stubFor(get(BASE + "/project.all").willReturn(okJson("[]")));
    }

    /** Dokploy's queue holding the job a trigger made: its title names the id the trigger answered. */
    private void queued(String id) {
        String title = "unideploy-" + id.substring(id.indexOf('.') + 1);
        dokploy.stubFor(post(BASE + "/application.cleanQueues")
                .inScenario("queue")
                .willReturn(ok())
                .willSetStateTo("cleaned"));
        dokploy.stubFor(get(BASE + "/deployment.queueList")
                .inScenario("queue")
                .whenScenarioStateIs("cleaned")
                .willReturn(okJson("[]")));
        dokploy.stubFor(get(BASE + "/deployment.queueList")
                .inScenario("queue")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson("[{\"id\":\"job-5\",\"name\":\"deployments\",\"data\":{\"applicationId\":\""
                        + APP + "\",\"titleLog\":\"" + title + "\",\"type\":\"deploy\"},\"timestamp\":1795000000000,"
                        + "\"state\":\"waiting\"}]")));
    }

    @Test
    @DisplayName("every request the adapter sends conforms to Dokploy's published spec")
    void requestsConformToTheSpec() {
        String id = adapter.trigger(new TriggerRequest(APP, Source.EMPTY, null, false, "c-1"))
                .block()
                .id();
        queued(id);
        adapter.getDeployment(id).block();
        adapter.listDeployments(APP, null, 20).block();
        adapter.logs(APP + ".r0", 50).block();
        adapter.logs(APP + ".r0", null).block();
        adapter.cancel(APP + ".r1").block(); // a row with a pid: killProcess
        assertThat(adapter.cancel(id).block().status()).isEqualTo(Status.CANCELLED); // the only waiting job
        adapter.delete(APP + ".r0").block();
        adapter.listApps().block();

        List<LoggedRequest> sent =
                dokploy.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
        assertThat(sent)
                .extracting(LoggedRequest::getUrl)
                .contains(
                        BASE + "/application.deploy",
                        BASE + "/deployment.killProcess",
                        BASE + "/application.cleanQueues",
                        BASE + "/deployment.removeDeployment",
                        BASE + "/deployment.readLogs?deploymentId=r0&tail=10000");
        sent.forEach(request ->
                assertThat(spec.violations(request)).as(request.getUrl()).isEmpty());
        // The spec's operations require a scheme "Authorization" that its components do not define, so the validator
        // skips them (with a warning); Dokploy checks the global apiKey scheme, x-api-key (PROVIDERS.md §2).
        assertThat(sent)
                .allSatisfy(request -> assertThat(request.getHeader("x-api-key"))
                        .as(request.getUrl())
                        .isEqualTo("sandbox"));
    }

    @Test
    @DisplayName("the checker reports what Dokploy rejects, each by its rule")
    void theCheckerReportsViolations() {
        assertReported("validation.request.body.schema.type", "POST", "/application.deploy", "{\"applicationId\":42}");
        assertReported("validation.request.body.schema.required", "POST", "/application.deploy", "{\"title\":\"t\"}");
        assertReported("validation.request.body.missing", "POST", "/deployment.killProcess", null);
        assertReported(
                "validation.request.body.schema.minLength",
                "POST",
                "/deployment.killProcess",
                "{\"deploymentId\":\"\"}");
        assertReported("validation.request.parameter.query.missing", "GET", "/deployment.all", null);
        assertReported(
                "validation.request.parameter.schema.maximum",
                "GET",
                "/deployment.readLogs?deploymentId=r0&tail=20000",
                null);
        assertReported("validation.request.operation.notAllowed", "GET", "/application.deploy", null);
    }

    /** A request as WireMock would log it (not sent by the adapter): the spec must name the rule it breaks. */
    private void assertReported(String rule, String method, String pathAndQuery, @Nullable String json) {
        ImmutableRequest.Builder request = ImmutableRequest.create()
                .withAbsoluteUrl("http://localhost" + BASE + pathAndQuery)
                .withMethod(RequestMethod.fromString(method))
                .withHeader("x-api-key", "sandbox")
                .withBody(json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
        if (json != null) {
            request.withHeader("Content-Type", "application/json");
        }
        assertThat(spec.violations(LoggedRequest.createFrom(request.build())))
                .as(method + " " + pathAndQuery)
                .extracting(Violation::rule)
                .contains(rule);
    }
}
