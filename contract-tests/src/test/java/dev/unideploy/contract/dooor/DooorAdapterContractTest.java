package dev.unideploy.contract.dooor;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.contract.AdapterContractKit;
import dev.unideploy.spi.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dooor OS passes the adapter contract. */
class DooorAdapterContractTest extends AdapterContractKit {

    private static final String ID = "dep_01hxcontract";

    @Override
    protected String type() {
        return "dooor";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", "sandbox", "workspace", "ws_sandbox");
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
        return "door-web";
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        stubDeploymentAnswering(okJson("{\"id\":\"" + ID + "\",\"status\":\"" + providerStatus
                + "\",\"appId\":\"door-web\",\"gitBranch\":\"main\",\"imageRef\":\"registry.dooor.ai/door-web:abc\","
                + "\"revisionName\":\"door-web-00003\",\"createdAt\":\"2026-11-22T10:00:00Z\"}"));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(urlPathEqualTo("/api/v1/workspaces/ws_sandbox/deploy/" + ID))
                .willReturn(response));
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (String value : new String[] {"queued", "building", "deploying", "succeeded", "failed", "cancelled"}) {
            Status expected = switch (value) {
                case "queued" -> Status.QUEUED;
                case "building", "deploying" -> Status.IN_PROGRESS;
                case "succeeded" -> Status.SUCCEEDED;
                case "failed" -> Status.FAILED;
                default -> Status.CANCELLED;
            };
            statuses.put(value, expected);
            statuses.put(value.toUpperCase(java.util.Locale.ROOT), expected);
        }
        return statuses;
    }
}
