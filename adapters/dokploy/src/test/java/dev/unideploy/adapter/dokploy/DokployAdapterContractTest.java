package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.AdapterContractKit;
import dev.unideploy.spi.testing.KitRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kit against Dokploy: no get-one and no paging, so a deployment is a row of {@code deployment.all} (beside an
 * empty {@code deployment.queueList}) and the adapter pages in memory.
 */
class DokployAdapterContractTest extends AdapterContractKit {

    private static final String APP = "dok-web";
    private static final int DEPLOYMENT = 42;

    @Override
    protected String type() {
        return "dokploy";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", SECRET);
    }

    @Override
    protected String basePath() {
        return "/api";
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
        return APP + "." + rowId(sequence);
    }

    private static String rowId(int sequence) {
        return "r0Kit%02d".formatted(sequence);
    }

    private String row(KitRow row) {
        return fixture(
                "deployment.json",
                Map.of(
                        "deploymentId", rowId(row.sequence()),
                        "status", row.status(),
                        "createdAt", row.createdAt().toString().replace("Z", ".000Z")));
    }

    private void stubRows(ResponseDefinitionBuilder answer) {
        provider.stubFor(
                get(basePath() + "/deployment.all?applicationId=" + APP).willReturn(answer));
        provider.stubFor(
                get(basePath() + "/deployment.queueList").willReturn(okJson(fixture("queue-empty.json", Map.of()))));
    }

    private void stubRows(List<KitRow> rows) {
        String deployments = rows.stream().map(this::row).collect(Collectors.joining(","));
        stubRows(okJson(fixture("deployments.json", Map.of("deployments", deployments))));
    }

    /** A newer row of the app beside it: the adapter must pick the row by id. */
    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        Instant created = Instant.parse("2026-11-22T10:00:00Z");
        stubRows(List.of(
                new KitRow(DEPLOYMENT + 1, created.plusSeconds(60), "running"),
                new KitRow(DEPLOYMENT, created, providerStatus)));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        stubRows(response);
    }

    @Override
    protected void stubListing(List<KitRow> rows, int pageSize) {
        stubRows(rows);
    }

    /** tRPC's error envelope; its {@code code} is not what the adapter maps (the HTTP status is). */
    @Override
    protected String errorBody(int status, String message) {
        return fixture("error.json", Map.of("message", message, "code", "BAD_REQUEST"));
    }

    @Override
    protected String finishedStatus() {
        return "done";
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
