package dev.unideploy.client;

import dev.unideploy.client.api.EventsApi;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.LogLine;
import dev.unideploy.client.model.Problem;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection to a deployment's event stream, decoded by Spring's SSE reader ({@code ServerSentEvent}) into typed
 * events. Heartbeat comments and event types this SDK does not know are skipped, as SSE clients do.
 */
final class EventStream {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    private final EventsApi events;
    private final JsonMapper json;

    EventStream(EventsApi events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    Flux<DeploymentEvent> open(String deploymentId, @Nullable String lastEventId) {
        return events.streamDeploymentEventsWithResponseSpec(deploymentId, lastEventId)
                .bodyToFlux(SSE)
                .onErrorMap(WebClientResponseException.class, response -> ProblemException.from(response, json))
                .mapNotNull(this::typed);
    }

    private @Nullable DeploymentEvent typed(ServerSentEvent<String> event) {
        String data = event.data();
        if (event.event() == null || data == null) {
            return null; // a heartbeat
        }
        String id = Objects.requireNonNullElse(event.id(), "");
        return switch (event.event()) {
            case "status" -> new DeploymentEvent.Status(id, json.readValue(data, Deployment.class));
            case "log" -> new DeploymentEvent.Log(id, json.readValue(data, LogLine.class));
            case "end" -> new DeploymentEvent.End(id, json.readValue(data, Deployment.class));
            case "error" -> new DeploymentEvent.Error(id, problem(data));
            default -> null;
        };
    }

    private ProblemException problem(String data) {
        Problem problem = ProblemException.read(data, json);
        return new ProblemException(
                problem != null
                        ? problem
                        : new Problem()
                                .status(502)
                                .title("Provider error")
                                .detail(data)
                                .code("provider_error"),
                null);
    }
}
