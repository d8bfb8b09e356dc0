package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider ids are data: whatever Coolify answers as a {@code deployment_uuid}, the gateway hands out an id in its
 * published pattern that finds the deployment again — or a clear 502 — and never a 500 after the deployment was
 * created upstream.
 */
class ProviderIdsTest extends SandboxGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<StubMapping> stubs = new ArrayList<>();

    private WireMockServer coolify() {
        return sandbox.sandbox().provider("coolify").server();
    }

    private void stub(MappingBuilder mapping) {
        stubs.add(coolify().stubFor(mapping.atPriority(1)));
    }

    @AfterEach
    void removeStubs() {
        stubs.forEach(coolify()::removeStub);
    }

    private static String row(String uuid) {
        return "{\"id\":901,\"deployment_uuid\":" + JSON.writeValueAsString(uuid) + ",\"application_id\":\"1\","
                + "\"status\":\"queued\",\"commit\":\"HEAD\",\"created_at\":\"2026-11-27T10:00:00.000000Z\","
                + "\"deployment_url\":\"/project/p/environment/e/application/cool-web/deployment/x\"}";
    }

    private void deployAnswers(String uuid) {
        stub(post(urlPathEqualTo("/api/v1/deploy"))
                .willReturn(okJson("{\"deployments\":[{\"message\":\"Application web deployment queued.\","
                        + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":" + JSON.writeValueAsString(uuid)
                        + "}]}")));
    }

    @Test
    @DisplayName("a deployment_uuid with a space, a slash and a '?' is escaped, found again, and sent encoded")
    void anUnsafeUuidRoundTrips() throws Exception {
        deployAnswers("odd id/x?.");
        stub(get(urlEqualTo("/api/v1/deployments/odd%20id%2Fx%3F.")).willReturn(okJson(row("odd id/x?."))));

        HttpResponse<String> created = send("POST", "/v1/deployments", "{\"appId\":\"coolify:cool-web\"}");

        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode deployment = JSON.readTree(created.body());
        String id = deployment.get("id").asString();
        assertThat(id).isEqualTo("coolify:odd~20id~2Fx~3F.");
        assertThat(created.headers().firstValue("Location")).contains("/v1/deployments/" + id);
        HttpResponse<String> again = send("GET", "/v1/deployments/" + id, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(id);
        assertThat(coolify()
                        .countRequestsMatching(getRequestedFor(urlEqualTo("/api/v1/deployments/odd%20id%2Fx%3F."))
                                .build())
                        .getCount())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("a provider id that cannot be an id is a 502 provider_error, not a 500")
    void anUnrepresentableUuidIsA502() throws Exception {
        deployAnswers("weird");
        stub(get(urlEqualTo("/api/v1/deployments/weird")).willReturn(okJson(row(".."))));

        HttpResponse<String> created = send("POST", "/v1/deployments", "{\"appId\":\"coolify:cool-web\"}");

        assertThat(created.statusCode()).isEqualTo(502);
        JsonNode problem = JSON.readTree(created.body());
        assertThat(problem.get("code").asString()).isEqualTo("provider_error");
        assertThat(problem.get("provider").asString()).isEqualTo("coolify");
    }

    @Test
    @DisplayName("dot segments and foreign escapes are refused with 400 and send nothing")
    void dotSegmentsAre400() throws Exception {
        var deploymentReads =
                getRequestedFor(urlPathMatching("/api/v1/deployments/.*")).build();
        int before = coolify().countRequestsMatching(deploymentReads).getCount();
        for (String id : new String[] {"coolify:..", "coolify:~2E~2E", "coolify:.", "coolify:~41"}) {
            HttpResponse<String> response = send("GET", "/v1/deployments/" + id, null);
            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("invalid_request");
        }
        assertThat(coolify().countRequestsMatching(deploymentReads).getCount()).isEqualTo(before);
    }
}
