package dev.unideploy.contract.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.contract.AdapterContractKit;
import dev.unideploy.spi.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kit against Coolify: one queue row behind {@code GET /deployments/{uuid}}. */
class CoolifyAdapterContractTest extends AdapterContractKit {

    static final String DEPLOYMENT = "dep-contract-1";

    @Override
    protected String type() {
        return "coolify";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    protected String basePath() {
        return "/api/v1";
    }

    @Override
    protected String deploymentId() {
        return DEPLOYMENT;
    }

    @Override
    protected String appId() {
        return "cool-web";
    }

    static String row(String uuid, String status) {
        return """
                {"id":7,"deployment_uuid":"%s","application_id":"3","application_name":"web","status":"%s",
                 "commit":"abc123","commit_message":"fix","rollback":false,"force_rebuild":false,
                 "deployment_url":"/project/p1/environment/e1/application/cool-web/deployment/%s",
                 "created_at":"2026-11-22T10:00:00.000000Z","updated_at":"2026-11-22T10:00:00.000000Z"}
                """.formatted(uuid, status, uuid);
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        provider.stubFor(
                get(basePath() + "/deployments/" + DEPLOYMENT).willReturn(okJson(row(DEPLOYMENT, providerStatus))));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(basePath() + "/deployments/" + DEPLOYMENT).willReturn(response));
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("queued", Status.QUEUED);
        statuses.put("in_progress", Status.IN_PROGRESS);
        statuses.put("finished", Status.SUCCEEDED);
        statuses.put("failed", Status.FAILED);
        statuses.put("cancelled-by-user", Status.CANCELLED);
        statuses.put("cancelled", Status.CANCELLED);
        return statuses;
    }
}
