package dev.unideploy.adapter.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.AdapterContractKit;
import dev.unideploy.spi.testing.KitRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit against Mist: a cookie login first; no get-one and no paging, so a deployment is found in its app's list. */
class MistAdapterContractTest extends AdapterContractKit {

    private static final String EMAIL = "sandbox@unideploy.dev";
    /** The session Mist hands out is a credential too. */
    private static final String SESSION = "kit-session-jwt-5Rw2";

    private static final long APP = 1;
    private static final int DEPLOYMENT = 42;

    @Override
    protected String type() {
        return "mist";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("email", EMAIL, "password", SECRET);
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(SECRET, SESSION);
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
        return String.valueOf(APP);
    }

    @Override
    protected String listedId(int sequence) {
        return APP + "." + (4200 + sequence);
    }

    @Override
    protected void stubAuthentication() {
        provider.stubFor(post(basePath() + "/auth/login")
                .willReturn(okJson(fixture("login.json", Map.of("email", EMAIL)))
                        .withHeader("Set-Cookie", "mist_token=" + SESSION + "; Path=/; HttpOnly")));
    }

    @Override
    protected boolean isAuthentication(LoggedRequest request) {
        return request.getUrl().endsWith("/auth/login");
    }

    @Test
    @DisplayName("a refused login is an authentication failure that names no password")
    void refusedLoginNamesNoPassword() {
        provider.stubFor(post(basePath() + "/auth/login")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorBody(401, "invalid email or password"))));
        Throwable error = errorOf(adapter.getDeployment(deploymentId()));
        assertThat(error).isInstanceOf(ProviderException.AuthenticationFailed.class);
        assertThat(error.getMessage()).doesNotContain(SECRET);
        assertThat(operationRequests()).as("nothing but the login was sent").isEmpty();
    }

    private String deployment(KitRow row) {
        return fixture(
                "deployment.json",
                Map.of(
                        "id", 4200 + row.sequence(),
                        "number", row.sequence(),
                        "status", row.status(),
                        "createdAt", row.createdAt().toString()));
    }

    private void stubDeployments(ResponseDefinitionBuilder answer) {
        provider.stubFor(post(basePath() + "/deployments/getByAppId").willReturn(answer));
    }

    /** A newer deployment of the app beside it: the adapter must pick it by id. */
    @Override
    protected void stubDeploymentWithStatus(String providerStatus) {
        Instant created = Instant.parse("2026-11-22T10:00:00Z");
        stubListing(
                List.of(
                        new KitRow(DEPLOYMENT + 1, created.plusSeconds(60), "pending"),
                        new KitRow(DEPLOYMENT, created, providerStatus)),
                100);
    }

    @Override
    protected void stubDeploymentAnswering(ResponseDefinitionBuilder response) {
        stubDeployments(response);
    }

    @Override
    protected void stubListing(List<KitRow> rows, int pageSize) {
        String deployments = rows.stream().map(this::deployment).collect(Collectors.joining(","));
        stubDeployments(okJson(fixture("deployments.json", Map.of("deployments", deployments))));
    }

    /** Mist's envelope, failed. */
    @Override
    protected String errorBody(int status, String message) {
        return fixture("error.json", Map.of("message", message, "error", "HTTP " + status));
    }

    @Override
    protected String finishedStatus() {
        return "success";
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
