package dev.unideploy.contract.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.contract.AdapterContractKit;
import dev.unideploy.spi.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kit against Mist: a cookie login first; the deployment is found in its app's list. */
class MistAdapterContractTest extends AdapterContractKit {

    @Override
    protected String type() {
        return "mist";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("email", "sandbox@unideploy.dev", "password", "sandbox");
    }

    @Override
    protected String basePath() {
        return "/api";
    }

    @Override
    protected String deploymentId() {
        return "1.4242";
    }

    @Override
    protected String appId() {
        return "1";
    }

    @Override
    protected void stubAuthentication() {
        provider.stubFor(post(basePath() + "/auth/login")
                .willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"email\":\"sandbox@unideploy.dev\"},"
                                + "\"message\":\"Login successful\",\"error\":\"\"}")
                        .withHeader("Set-Cookie", "mist_token=contract-jwt; Path=/; HttpOnly")));
    }

    static String deployment(long id, String status) {
        return """
                {"id":%d,"app_id":1,"deployment_number":2,"commit_hash":"abc","commit_message":"fix",
                 "triggered_by":1,"status":"%s","stage":"%s","progress":50,"is_active":false,
                 "created_at":"2026-11-22T10:00:00Z","started_at":"2026-11-22T10:00:01Z","finished_at":null}
                """.formatted(id, status, status);
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        provider.stubFor(post(basePath() + "/deployments/getByAppId")
                .willReturn(okJson("{\"success\":true,\"data\":[" + deployment(77, "pending") + ","
                        + deployment(4242, providerStatus) + "],\"message\":\"Deployments retrieved successfully\","
                        + "\"error\":\"\"}")));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(post(basePath() + "/deployments/getByAppId").willReturn(response));
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("pending", Status.QUEUED);
        statuses.put("cloning", Status.IN_PROGRESS);
        statuses.put("building", Status.IN_PROGRESS);
        statuses.put("deploying", Status.IN_PROGRESS);
        statuses.put("success", Status.SUCCEEDED);
        statuses.put("failed", Status.FAILED);
        statuses.put("stopped", Status.CANCELLED);
        statuses.put("rolled_back", Status.SUCCEEDED);
        return statuses;
    }
}
