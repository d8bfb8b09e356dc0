package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.security.ClientPrincipal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live events of a deployment as Server-Sent Events ({@link DeploymentEvents}: {@code status}, {@code log}, a final
 * {@code end}, {@code error} on provider trouble), with heartbeat comments. A stream that joins a watch already
 * running usually never gets here: {@link LiveStreams} serves it right after the HTTP codec, the same bytes with far
 * less per connection. Hand-routed: the generated interface cannot express a stream.
 */
@RestController
class EventsController {

    private final DeploymentEvents deploymentEvents;
    private final Duration heartbeat;

    EventsController(DeploymentEvents deploymentEvents, UnideployProperties properties) {
        this.deploymentEvents = deploymentEvents;
        this.heartbeat = properties.events().heartbeat();
    }

    @GetMapping(path = "/v1/deployments/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        String instance = exchange.getRequest().getPath().value();
        Sinks.One<Boolean> over = Sinks.one();
        Flux<ServerSentEvent<String>> events = deploymentEvents
                .events(client, deployment, DeploymentEvents.resumeFrom(lastEventId), instance)
                .doFinally(signal -> over.tryEmitValue(true));
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick ->
                        ServerSentEvent.<String>builder().comment("heartbeat").build())
                .takeUntilOther(over.asMono());
        return Flux.merge(events, heartbeats).takeUntil(event -> "end".equals(event.event()));
    }
}
