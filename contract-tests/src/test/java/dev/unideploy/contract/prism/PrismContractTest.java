package dev.unideploy.contract.prism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.security.ApiKeys;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second, independent tier: the gateway against mock servers Prism generates from Coolify's and Dokploy's
 * published specs ({@code ../shared/provider-specs/}), not against our own simulators. Every operation of the
 * normalised API is called through the gateway; it fails on any request a spec rejects (Prism's {@code --errors}
 * log) and on any gateway answer that is a 500. The mocks answer what the specs say — Dokploy's response schemas
 * are empty objects and Coolify's per-app list is mis-typed — so a 502 {@code provider_error} is a fair answer;
 * a 500 never is. Needs Node and Prism ({@code .ci/run} installs {@code @stoplight/prism-cli}); skipped, visibly,
 * without them.
 */
class PrismContractTest {

    private static final String CLIENT_KEY = "prism-contract-client";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, PrismMock> MOCKS = new LinkedHashMap<>();
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static String missing;

    @BeforeAll
    static void start() throws Exception {
        Optional<String> prism = PrismMock.executable();
        Optional<Path> coolify = PrismMock.spec("coolify");
        Optional<Path> dokploy = PrismMock.spec("dokploy");
        missing = prism.isEmpty()
                ? "`prism` not installed (npm install @stoplight/prism-cli, or PRISM=/path/to/prism)"
                : coolify.isEmpty() || dokploy.isEmpty() ? "../shared/provider-specs/ not beside the checkout" : null;
        if (missing != null) {
            System.out.println("WARNING Prism spec-mock contract tests SKIPPED: " + missing);
            return;
        }
        MOCKS.put("coolify", PrismMock.start(prism.get(), coolify.get(), Duration.ofMinutes(2)));
        MOCKS.put("dokploy", PrismMock.start(prism.get(), dokploy.get(), Duration.ofMinutes(2)));
        gateway = new SpringApplicationBuilder(UnideployApplication.class)
                .properties(
                        "server.port=0",
                        "unideploy.providers.coolify.type=coolify",
                        "unideploy.providers.coolify.base-url="
                                + MOCKS.get("coolify").baseUrl(),
                        "unideploy.providers.coolify.token=prism-coolify-token",
                        "unideploy.providers.dokploy.type=dokploy",
                        "unideploy.providers.dokploy.base-url="
                                + MOCKS.get("dokploy").baseUrl(),
                        "unideploy.providers.dokploy.token=prism-dokploy-key",
                        "unideploy.clients.contract.key-sha256=" + ApiKeys.sha256(CLIENT_KEY),
                        "unideploy.clients.contract.scopes=deployments:read,deployments:write,admin",
                        "unideploy.events.poll-interval=200ms")
                .run();
        port = Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        MOCKS.values().forEach(PrismMock::close);
        MOCKS.clear();
    }

    private record Call(String method, String path, String body) {}

    private static HttpResponse<String> send(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
                .header("Authorization", "Bearer " + CLIENT_KEY)
                .timeout(Duration.ofSeconds(90));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(
                request.method(
                                call.method(),
                                call.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(call.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The id of what the trigger made, or a spec-shaped id when the trigger itself could not answer one. */
    private static String deploymentId(String provider, String fallback) throws Exception {
        HttpResponse<String> created =
                send(new Call("POST", "/v1/deployments", "{\"appId\":\"" + provider + ":prism-app\",\"force\":true}"));
        if (created.statusCode() == 202) {
            return JSON.readTree(created.body()).get("id").asString();
        }
        return provider + ":" + fallback;
    }

    private static List<Call> operations(String provider, String id) {
        String app = provider + ":prism-app";
        String one = "/v1/deployments/" + id;
        return List.of(
                new Call("GET", "/v1/providers/" + provider, null),
                new Call("GET", "/v1/apps?provider=" + provider, null),
                new Call("POST", "/v1/deployments", "{\"appId\":\"" + app + "\"}"),
                new Call("GET", "/v1/deployments?appId=" + app + "&limit=5", null),
                new Call("GET", one, null),
                new Call("GET", one + "?include=raw", null),
                new Call("GET", one + "/logs?tail=20", null),
                new Call("GET", one + "/runtime", null),
                new Call("POST", one + "/cancel", null),
                new Call("POST", one + "/rollback", null),
                new Call("POST", one + "/promote", "{\"environment\":\"production\"}"),
                new Call("PUT", "/v1/apps/" + app + "/scale", "{\"replicas\":2}"),
                new Call("GET", "/v1/apps/" + app + "/revisions", null),
                new Call("PUT", "/v1/apps/" + app + "/traffic", "{\"splits\":[{\"revision\":\"r1\",\"percent\":100}]}"),
                new Call("DELETE", one, null));
    }

    @Test
    @DisplayName("Prism and the published specs are there (else this tier is skipped)")
    void prerequisites() {
        Assumptions.assumeTrue(missing == null, "Prism spec-mock contract tests SKIPPED: " + missing);
        assertThat(MOCKS).containsOnlyKeys("coolify", "dokploy");
    }

    @TestFactory
    @DisplayName("every operation through the gateway against Prism mocks of the published specs")
    Stream<DynamicTest> everyOperation() {
        Assumptions.assumeTrue(missing == null, "Prism spec-mock contract tests SKIPPED: " + missing);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> provider :
                List.of(Map.entry("coolify", "q4wg0o8kskcg0wc4osw0kscs"), Map.entry("dokploy", "prismapp.prismdep"))) {
            String name = provider.getKey();
            String[] id = new String[1];
            tests.add(DynamicTest.dynamicTest(name + ": trigger answers no 500", () -> {
                id[0] = deploymentId(name, provider.getValue());
            }));
            for (Call call : operations(name, name + ":" + provider.getValue())) {
                tests.add(DynamicTest.dynamicTest(name + ": " + call.method() + " " + call.path(), () -> {
                    Call actual = new Call(
                            call.method(), call.path().replace(name + ":" + provider.getValue(), id[0]), call.body());
                    HttpResponse<String> response = send(actual);
                    System.out.println(
                            "prism tier: " + actual.method() + " " + actual.path() + " -> " + response.statusCode());
                    assertThat(response.statusCode())
                            .as("%s %s answered %s", actual.method(), actual.path(), response.body())
                            .isNotEqualTo(500);
                    if (response.statusCode() >= 400) {
                        JsonNode problem = JSON.readTree(response.body());
                        assertThat(problem.has("code")).as(response.body()).isTrue();
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(name + ": the live events stream opens", () -> {
                HttpResponse<InputStream> events = HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/v1/deployments/" + id[0] + "/events"))
                                .header("Authorization", "Bearer " + CLIENT_KEY)
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(90))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                events.body().close();
                assertThat(events.statusCode()).isNotEqualTo(500);
            }));
            tests.add(DynamicTest.dynamicTest(
                    name + ": every request the gateway sent passes the published spec", () -> {
                        PrismMock mock = MOCKS.get(name);
                        assertThat(mock.requests())
                                .as("requests %s's mock received", name)
                                .isPositive();
                        assertThat(mock.violations())
                                .as("requests the %s spec rejects (Prism log below)%n%s", name, mock.output())
                                .isEmpty();
                    }));
        }
        return tests.stream();
    }
}
