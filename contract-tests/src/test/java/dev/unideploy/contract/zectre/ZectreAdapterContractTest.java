package dev.unideploy.contract.zectre;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.contract.AdapterContractKit;
import dev.unideploy.spi.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** Zectre Platform passes the adapter contract. */
class ZectreAdapterContractTest extends AdapterContractKit {

    private static final String ID = "7b0c1f5e-2d4a-4c1b-9a57-0f3e2d1c0b9a";

    @Override
    protected String type() {
        return "zectre";
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
        return ID;
    }

    @Override
    protected String appId() {
        return "zec-web";
    }

    /** {@code running} is told apart by task readiness: "running" alone here is a rollout (1 of 2 ready). */
    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        int ready = providerStatus.equals("running") ? 1 : 2;
        stubDeploymentAnswering(okJson("{\"id\":\"" + ID + "\",\"app_id\":\"zec-web\",\"version\":3,\"status\":\""
                + providerStatus + "\",\"spec\":{\"image\":\"nginx:1.27\",\"replicas\":2},\"tasks_ready\":" + ready
                + ",\"tasks_total\":2,\"progress\":50,\"environment_slug\":\"staging\","
                + "\"created_at\":\"2026-11-22T10:00:00Z\",\"updated_at\":\"2026-11-22T10:01:00Z\"}"));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(urlPathEqualTo("/api/v1/deployments/" + ID)).willReturn(response));
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("pending", Status.QUEUED);
        statuses.put("running", Status.IN_PROGRESS);
        statuses.put("succeeded", Status.SUCCEEDED);
        statuses.put("failed", Status.FAILED);
        statuses.put("cancelled", Status.CANCELLED);
        statuses.put("RUNNING", Status.SUCCEEDED); // every task ready (2 of 2): live
        return statuses;
    }
}
