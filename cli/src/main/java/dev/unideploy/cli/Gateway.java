package dev.unideploy.cli;

import dev.unideploy.client.ApiClient;
import dev.unideploy.client.api.DeploymentsApi;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentList;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.LogPage;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as the CLI uses it: the SDK's {@link DeploymentsApi}, blocking, plus the event stream, which the SDK
 * only offers as one string. Errors are the SDK's {@code WebClientResponseException} (see {@link ApiErrors}).
 */
final class Gateway {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};
    /** Longest wait for a plain call; waits add their own timeout to it. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final ApiClient client;
    private final DeploymentsApi deployments;
    private final @Nullable String token;
    private final JsonMapper json = ApiClient.createDefaultMapper(null);

    Gateway(String url, @Nullable String token) {
        this.client = new ApiClient().setBasePath(url.replaceAll("/+$", ""));
        this.token = token == null || token.isBlank() ? null : token;
        if (this.token != null) {
            client.setBearerToken(this.token);
        }
        this.deployments = new DeploymentsApi(client);
    }

    JsonMapper json() {
        return json;
    }

    Deployment trigger(TriggerDeploymentRequest request, @Nullable String idempotencyKey) {
        return block(deployments.triggerDeployment(request, idempotencyKey), CALL_TIMEOUT);
    }

    Deployment get(String id) {
        return block(deployments.getDeployment(id, null, null, null), CALL_TIMEOUT);
    }

    /** Waits on the gateway until the deployment is terminal or {@code seconds} (1–300) pass. */
    Deployment awaitTerminal(String id, int seconds) {
        return block(deployments.getDeployment(id, null, "terminal", seconds), CALL_TIMEOUT.plusSeconds(seconds));
    }

    LogPage logs(String id, @Nullable Integer tail) {
        return block(deployments.getDeploymentLogs(id, tail), CALL_TIMEOUT);
    }

    Deployment cancel(String id) {
        return block(deployments.cancelDeployment(id, null), CALL_TIMEOUT);
    }

    Deployment rollback(String id, @Nullable String idempotencyKey) {
        return block(deployments.rollbackDeployment(id, idempotencyKey), CALL_TIMEOUT);
    }

    DeploymentList list(
            @Nullable List<String> appIds, @Nullable DeploymentStatus status, int limit, @Nullable String cursor) {
        return block(deployments.listDeployments(appIds, status, limit, cursor), CALL_TIMEOUT);
    }

    /** The live events ({@code status}, {@code log}, {@code end}; heartbeats too), resuming after {@code lastEventId}. */
    Flux<ServerSentEvent<String>> events(String id, @Nullable String lastEventId) {
        return client.getWebClient()
                .get()
                .uri(client.getBasePath() + "/v1/deployments/{id}/events", id)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve()
                .bodyToFlux(SSE);
    }

    private static <T> T block(Mono<T> call, Duration timeout) {
        T value = call.block(timeout);
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
