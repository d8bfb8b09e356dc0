package dev.unideploy.adapter.dooor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.AdapterContractKit;
import dev.unideploy.spi.testing.KitRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The kit against Dooor OS: everything under the workspace, deployments listed by page number. */
class DooorAdapterContractTest extends AdapterContractKit {

    private static final String APP = "door-web";
    private static final String WORKSPACE = "/workspaces/ws_sandbox";
    private static final int DEPLOYMENT = 42;

    @Override
    protected String type() {
        return "dooor";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", SECRET, "workspace", "ws_sandbox");
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
        return "dep_kit_%02d".formatted(sequence);
    }

    private String deployment(KitRow row) {
        return fixture(
                "deployment.json",
                Map.of(
                        "id", listedId(row.sequence()),
                        "status", row.status(),
                        "revision", "%05d".formatted(row.sequence()),
                        "createdAt", row.createdAt().toString()));
    }

    private void stubDeployment(KitRow row) {
        provider.stubFor(get(urlPathEqualTo(basePath() + WORKSPACE + "/deploy/" + listedId(row.sequence())))
                .willReturn(okJson(deployment(row))));
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        stubDeployment(new KitRow(DEPLOYMENT, Instant.parse("2026-11-22T10:00:00Z"), providerStatus));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(urlPathEqualTo(basePath() + WORKSPACE + "/deploy/" + deploymentId()))
                .willReturn(response));
    }

    /** Pages numbered from 1, {@code limit} a page, with {@code meta.totalPages}. */
    @Override
    protected void stubListing(List<KitRow> rows, int pageSize) {
        int totalPages = Math.max(1, (rows.size() + pageSize - 1) / pageSize);
        for (int page = 1; page <= totalPages; page++) {
            List<KitRow> items = rows.subList((page - 1) * pageSize, Math.min(rows.size(), page * pageSize));
            String body = fixture(
                    "deployments.json",
                    Map.of(
                            "deployments", items.stream().map(this::deployment).collect(Collectors.joining(",")),
                            "total", rows.size(),
                            "page", page,
                            "limit", pageSize,
                            "totalPages", totalPages));
            provider.stubFor(get(urlPathEqualTo(basePath() + WORKSPACE + "/deploy"))
                    .withQueryParam("appId", equalTo(APP))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("limit", equalTo(String.valueOf(pageSize)))
                    .willReturn(okJson(body)));
        }
        rows.forEach(this::stubDeployment);
    }

    /** NestJS's error envelope. */
    @Override
    protected String errorBody(int status, String message) {
        String error = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        return fixture("error.json", Map.of("statusCode", status, "message", message, "error", error));
    }

    @Override
    protected String finishedStatus() {
        return "succeeded";
    }

    @Override
    protected Map<String, Status> documentedStatuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("queued", Status.QUEUED);
        statuses.put("building", Status.IN_PROGRESS);
        statuses.put("deploying", Status.IN_PROGRESS);
        statuses.put("succeeded", Status.SUCCEEDED);
        statuses.put("failed", Status.FAILED);
        statuses.put("cancelled", Status.CANCELLED);
        // Dooor may answer in capitals
        Map<String, Status> both = new LinkedHashMap<>(statuses);
        statuses.forEach((value, status) -> both.put(value.toUpperCase(Locale.ROOT), status));
        return both;
    }
}
