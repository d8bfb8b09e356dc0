package dev.unideploy.adapter.zectre;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.AdapterContractKit;
import dev.unideploy.spi.testing.KitRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The kit against Zectre Platform: deployments by uuid, listed per app with a version cursor. */
class ZectreAdapterContractTest extends AdapterContractKit {

    private static final String APP = "zec-web";
    private static final int DEPLOYMENT = 42;

    @Override
    protected String type() {
        return "zectre";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", SECRET);
    }

    @Override
    protected String basePath() {
        return "/api/v1";
    }

    @Override
    protected String deploymentId() {
        return listedId(DEPLOYMENT);
    }

    @Override
    protected String appId() {
        return APP;
    }

    @Override
    protected String listedId(int sequence) {
        return "7b0c1f5e-2d4a-4c1b-9a57-0000000000%02d".formatted(sequence);
    }

    /** {@code running} is told apart by task readiness: "running" alone here is a rollout (1 of 2 ready). */
    private String deployment(KitRow row) {
        return fixture(
                "deployment.json",
                Map.of(
                        "id", listedId(row.sequence()),
                        "version", row.sequence(),
                        "status", row.status(),
                        "ready", row.status().equals("running") ? 1 : 2,
                        "createdAt", row.createdAt().toString()));
    }

    private void stubDeployment(KitRow row) {
        provider.stubFor(get(urlPathEqualTo(basePath() + "/deployments/" + listedId(row.sequence())))
                .willReturn(okJson(deployment(row))));
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        stubDeployment(new KitRow(DEPLOYMENT, Instant.parse("2026-11-22T10:00:00Z"), providerStatus));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(urlPathEqualTo(basePath() + "/deployments/" + deploymentId()))
                .willReturn(response));
    }

    /** Zectre's cursor is a version: a page holds the versions below it, and names the last one it holds. */
    @Override
    protected void stubListing(List<KitRow> rows, int pageSize) {
        String cursor = null;
        for (int start = 0; start == 0 || start < rows.size(); start += pageSize) {
            List<KitRow> page = rows.subList(start, Math.min(rows.size(), start + pageSize));
            boolean last = start + pageSize >= rows.size();
            String next = last ? "null" : "\"" + page.get(page.size() - 1).sequence() + "\"";
            String body = fixture(
                    "deployments.json",
                    Map.of(
                            "deployments",
                            page.stream().map(this::deployment).collect(Collectors.joining(",")),
                            "next",
                            next));
            provider.stubFor(get(urlPathEqualTo(basePath() + "/apps/" + APP + "/deployments"))
                    .withQueryParam("page_size", equalTo(String.valueOf(pageSize)))
                    .withQueryParam("page_token", cursor == null ? absent() : equalTo(cursor))
                    .willReturn(okJson(body)));
            cursor = last ? null : String.valueOf(page.get(page.size() - 1).sequence());
        }
        rows.forEach(this::stubDeployment);
    }

    @Override
    protected String errorBody(int status, String message) {
        return fixture("error.json", Map.of("code", status == 404 ? "NOT_FOUND" : "KIT_ERROR", "message", message));
    }

    @Override
    protected String finishedStatus() {
        return "succeeded";
    }

    /** Zectre refuses itself: 409 INVALID_STATE. */
    @Override
    protected void stubCancelOfFinishedDeployment() {
        stubDeploymentWithStatus(finishedStatus());
        provider.stubFor(post(basePath() + "/deployments/" + deploymentId() + "/cancel")
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody(fixture(
                                "error.json",
                                Map.of("code", "INVALID_STATE", "message", "Deployment is already succeeded")))));
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
