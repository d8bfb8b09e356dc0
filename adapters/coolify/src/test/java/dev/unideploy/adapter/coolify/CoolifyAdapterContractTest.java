package dev.unideploy.adapter.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

/** The kit against Coolify: queue rows behind {@code GET /deployments/{uuid}}, listed {@code skip}/{@code take}. */
class CoolifyAdapterContractTest extends AdapterContractKit {

    private static final String APP = "cool-web";
    private static final int DEPLOYMENT = 42;

    @Override
    protected String type() {
        return "coolify";
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
        return "dep-kit-%02d".formatted(sequence);
    }

    /** Coolify stamps rows with microseconds. */
    private String row(KitRow row) {
        return fixture(
                "deployment.json",
                Map.of(
                        "sequence", row.sequence(),
                        "uuid", listedId(row.sequence()),
                        "status", row.status(),
                        "createdAt", row.createdAt().toString().replace("Z", ".000000Z")));
    }

    private void stubRow(KitRow row) {
        provider.stubFor(
                get(basePath() + "/deployments/" + listedId(row.sequence())).willReturn(okJson(row(row))));
    }

    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        stubRow(new KitRow(DEPLOYMENT, Instant.parse("2026-11-22T10:00:00Z"), providerStatus));
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        provider.stubFor(get(basePath() + "/deployments/" + deploymentId()).willReturn(response));
    }

    /** {@code skip}/{@code take} pages with the total {@code count}; each row also behind its own uuid. */
    @Override
    protected void stubListing(List<KitRow> rows, int pageSize) {
        for (int skip = 0; skip == 0 || skip < rows.size(); skip += pageSize) {
            List<KitRow> page = rows.subList(skip, Math.min(rows.size(), skip + pageSize));
            String deployments = page.stream().map(this::row).collect(Collectors.joining(","));
            provider.stubFor(get(urlPathEqualTo(basePath() + "/deployments/applications/" + APP))
                    .withQueryParam("skip", equalTo(String.valueOf(skip)))
                    .withQueryParam("take", equalTo(String.valueOf(pageSize)))
                    .willReturn(okJson(
                            fixture("deployments.json", Map.of("count", rows.size(), "deployments", deployments)))));
        }
        rows.forEach(this::stubRow);
    }

    @Override
    protected String errorBody(int status, String message) {
        return fixture("error.json", Map.of("message", message));
    }

    @Override
    protected String finishedStatus() {
        return "finished";
    }

    /** Coolify itself refuses: 400 with the current status (the adapter makes it a conflict). */
    @Override
    protected void stubCancelOfFinishedDeployment() {
        stubDeploymentWithStatus(finishedStatus());
        provider.stubFor(post(basePath() + "/deployments/" + deploymentId() + "/cancel")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(fixture("cancel-finished.json", Map.of()))));
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
