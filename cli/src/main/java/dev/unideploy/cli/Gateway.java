package dev.unideploy.cli;

import dev.unideploy.client.ApiClient;
import dev.unideploy.client.DeploymentEvent;
import dev.unideploy.client.Deployments;
import dev.unideploy.client.ProblemException;
import dev.unideploy.client.api.AppsApi;
import dev.unideploy.client.api.DeploymentsApi;
import dev.unideploy.client.api.ProvidersApi;
import dev.unideploy.client.model.AppList;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentList;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.LogPage;
import dev.unideploy.client.model.ProviderList;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as the CLI uses it, blocking: the Java SDK's {@link Deployments} for writes (an {@code
 * Idempotency-Key} on each, retried with it when the outcome is unknown) and the live events, the generated APIs for
 * reads. Every error answer is a {@link ProblemException} (see {@link ApiErrors}).
 */
final class Gateway {

    /** Longest wait for a read; waits add their own timeout to it. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** A write with its retries (each try may take the gateway's write timeout, 30 s by default). */
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(3);

    private final ApiClient client;
    private final Deployments deployments;
    private final DeploymentsApi api;
    private final @Nullable String token;

    Gateway(String url, @Nullable String token) {
        this.client = new ApiClient().setBasePath(url.replaceAll("/+$", ""));
        this.token = token == null || token.isBlank() ? null : token;
        if (this.token != null) {
            client.setBearerToken(this.token);
        }
        // reconnections of a dropped stream start after 200 ms: a pipeline log should not stall
        this.deployments = new Deployments(client, Duration.ofMillis(200), 3);
        this.api = new DeploymentsApi(client);
    }

    JsonMapper json() {
        return client.getJsonMapper();
    }

    String url() {
        return client.getBasePath();
    }

    Deployment trigger(TriggerDeploymentRequest request, String idempotencyKey) {
        return block(deployments.trigger(request, idempotencyKey), WRITE_TIMEOUT);
    }

    Deployment get(String id) {
        return block(deployments.get(id), CALL_TIMEOUT);
    }

    /** Waits on the gateway until the deployment is terminal or {@code seconds} (1–300) pass. */
    Deployment awaitTerminal(String id, int seconds) {
        return block(api.getDeployment(id, null, "terminal", seconds), CALL_TIMEOUT.plusSeconds(seconds));
    }

    LogPage logs(String id, @Nullable Integer tail) {
        return block(api.getDeploymentLogs(id, tail), CALL_TIMEOUT);
    }

    /** Cancels; a deployment already cancelled is answered as it is. */
    Deployment cancel(String id) {
        return block(deployments.cancel(id), WRITE_TIMEOUT);
    }

    Deployment rollback(String id, String idempotencyKey) {
        return block(deployments.rollback(id, idempotencyKey), WRITE_TIMEOUT);
    }

    DeploymentList list(
            @Nullable List<String> appIds, @Nullable DeploymentStatus status, int limit, @Nullable String cursor) {
        return block(api.listDeployments(appIds, status, limit, cursor), CALL_TIMEOUT);
    }

    ProviderList providers() {
        return block(new ProvidersApi(client).listProviders(), CALL_TIMEOUT);
    }

    AppList apps(@Nullable String provider) {
        return block(new AppsApi(client).listApps(provider), CALL_TIMEOUT);
    }

    /** The live events, reconnecting after drops without repeating a line (the SDK's {@code follow}). */
    Flux<DeploymentEvent> events(String id) {
        return deployments.follow(id);
    }

    private <T> T block(Mono<T> call, Duration timeout) {
        T value = call.onErrorMap(WebClientResponseException.class, response -> ProblemException.from(response, json()))
                .block(timeout);
        if (value == null) {
            throw new IllegalStateException("The gateway answered without a body.");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Gateway[" + client.getBasePath() + (token != null ? ", token set" : ", no token") + "]";
    }
}
