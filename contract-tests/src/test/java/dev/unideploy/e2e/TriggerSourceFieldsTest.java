package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A trigger never silently ignores what it was asked: a source field the provider cannot deploy is a 400. */
class TriggerSourceFieldsTest extends SandboxGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(
                request.header("Authorization", "Bearer sandbox")
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> trigger(String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/deployments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private WireMockServer simulator(String type) {
        return sandbox.sandbox().provider(type).server();
    }

    private int triggersSent(String type, String path) {
        return simulator(type)
                .countRequestsMatching(postRequestedFor(urlPathEqualTo(path)).build())
                .getCount();
    }

    static Stream<Arguments> fieldsTheProviderCannotDeploy() {
        return Stream.of("branch", "commitSha", "image", "artifactId")
                .flatMap(field -> Stream.of(
                        Arguments.of("coolify", "coolify:cool-web", "/api/v1/deploy", field),
                        Arguments.of("dokploy", "dokploy:dok-web", "/api/application.deploy", field),
                        Arguments.of("mist", "mist:1", "/api/deployments", field)));
    }

    @ParameterizedTest(name = "{0}: source.{3} is a 400 and nothing is sent")
    @MethodSource("fieldsTheProviderCannotDeploy")
    @DisplayName("Coolify, Dokploy and Mist deploy no given branch, commit, image or artifact")
    void refusedBeforeAnyRequest(String type, String appId, String triggerPath, String field) throws Exception {
        int before = triggersSent(type, triggerPath);

        HttpResponse<String> response =
                trigger("{\"appId\":\"" + appId + "\",\"source\":{\"" + field + "\":\"main\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("invalid_request");
        assertThat(problem.get("detail").asString()).contains("source." + field).contains("Nothing was sent");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("source." + field);
        assertThat(triggersSent(type, triggerPath))
                .as("triggers the simulator received")
                .isEqualTo(before);
    }

    @Test
    @DisplayName("a kind of source the provider takes only alone is refused with the field it would ignore")
    void combinationsAreRefusedNamingTheIgnoredField() throws Exception {
        int zectre = triggersSent("zectre", "/api/v1/apps/zec-web/deployments")
                + triggersSent("zectre", "/api/v1/apps/zec-web/deploy/trigger");
        int dooor = triggersSent("dooor", "/api/v1/workspaces/ws_sandbox/deploy");

        HttpResponse<String> zectreBoth =
                trigger("{\"appId\":\"zectre:zec-web\",\"source\":{\"branch\":\"main\",\"image\":\"web:1\"}}");
        HttpResponse<String> dooorBoth =
                trigger("{\"appId\":\"dooor:door-web\",\"source\":{\"commitSha\":\"abc\",\"artifactId\":\"u1\"}}");

        assertThat(zectreBoth.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(zectreBoth.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("source.branch");
        assertThat(dooorBoth.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(dooorBoth.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("source.commitSha");
        assertThat(triggersSent("zectre", "/api/v1/apps/zec-web/deployments")
                        + triggersSent("zectre", "/api/v1/apps/zec-web/deploy/trigger"))
                .isEqualTo(zectre);
        assertThat(triggersSent("dooor", "/api/v1/workspaces/ws_sandbox/deploy"))
                .isEqualTo(dooor);
    }

    @Test
    @DisplayName("a field the provider takes is honoured through its own API")
    void honouredFieldsReachTheProvider() throws Exception {
        HttpResponse<String> branch = trigger("{\"appId\":\"dooor:door-web\",\"source\":{\"branch\":\"release-7\"}}");

        assertThat(branch.statusCode()).isEqualTo(202);
        assertThat(simulator("dooor")
                        .countRequestsMatching(postRequestedFor(urlPathEqualTo("/api/v1/workspaces/ws_sandbox/deploy"))
                                .withRequestBody(
                                        equalToJson("{\"appId\":\"door-web\",\"gitBranch\":\"release-7\"}", true, true))
                                .build())
                        .getCount())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("each provider connection declares the source fields it takes")
    void declaredPerProvider() throws Exception {
        for (String[] expected : new String[][] {
            {"coolify"},
            {"dokploy"},
            {"mist"},
            {"zectre", "branch", "commitSha", "image", "artifactId"},
            {"dooor", "branch", "commitSha", "image", "artifactId"}
        }) {
            HttpResponse<String> provider =
                    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/providers/" + expected[0]))
                            .GET());
            JsonNode fields = JSON.readTree(provider.body()).get("sourceFields");
            assertThat(fields.valueStream().map(JsonNode::asString).toList())
                    .as(expected[0])
                    .isEqualTo(List.of(expected).subList(1, expected.length));
        }
    }
}
