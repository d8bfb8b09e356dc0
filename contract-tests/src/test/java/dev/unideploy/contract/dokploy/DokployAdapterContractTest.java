package dev.unideploy.contract.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.contract.AdapterContractKit;
import dev.unideploy.spi.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kit against Dokploy: no get-one, so the deployment is a row of {@code deployment.all}. */
class DokployAdapterContractTest extends AdapterContractKit {

    static final String APP = "dok-web";
    static final String ROW = "r0Contract1";

    @Override
    protected String type() {
        return "dokploy";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    protected String basePath() {
        return "/api";
    }

    @Override
    protected String deploymentId() {
        return APP + "." + ROW;
    }

    @Override
    protected String appId() {
        return APP;
    }

    static String row(String deploymentId, String title, String status) {
        return """
                {"deploymentId":"%s","title":"%s","description":null,"status":"%s",
                 "logPath":"/etc/dokploy/logs/web/web-%s.log","pid":null,"applicationId":"%s","composeId":null,
                 "createdAt":"2026-11-22T10:00:00.000Z","startedAt":"2026-11-22T10:00:01.000Z","finishedAt":null,
                 "errorMessage":null}
                """.formatted(deploymentId, title, status, deploymentId, APP);
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        provider.stubFor(get(basePath() + "/deployment.all?applicationId=" + APP)
                .willReturn(okJson(
                        "[" + row("rNewer", "Manual", "running") + "," + row(ROW, "Manual", providerStatus) + "]")));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(
                get(basePath() + "/deployment.all?applicationId=" + APP).willReturn(response));
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("running", Status.IN_PROGRESS);
        statuses.put("done", Status.SUCCEEDED);
        statuses.put("error", Status.FAILED);
        statuses.put("cancelled", Status.CANCELLED);
        return statuses;
    }
}
