package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.feed.DeploymentFeed;
import dev.unideploy.gateway.feed.Interest;
import dev.unideploy.gateway.feed.Watchers;
import dev.unideploy.gateway.security.ClientPrincipal;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * {@code GET /v1/events}: every deployment event the client may see, live, as Server-Sent Events; {@code
 * Last-Event-ID} resumes within the feed's retention. While a client is connected, the apps of the connections it
 * may use are watched. Hand-routed: the generated interface cannot express a stream.
 */
@RestController
class FeedController {

    private final DeploymentFeed feed;
    private final Watchers watchers;
    private final Duration heartbeat;

    FeedController(DeploymentFeed feed, Watchers watchers, UnideployProperties properties) {
        this.feed = feed;
        this.watchers = watchers;
        this.heartbeat = properties.events().heartbeat();
    }

    @GetMapping(path = "/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        Flux<ServerSentEvent<String>> events = Flux.using(
                () -> watchers.follow(new Interest(client.providers(), Set.of())),
                following -> feed.stream(lastEventId)
                        .filter(positioned -> client.mayUse(positioned.event().provider()))
                        .map(positioned -> ServerSentEvent.<String>builder()
                                .id(positioned.position())
                                .event(positioned.event().type().wire())
                                .data(positioned.event().toJson())
                                .build()),
                following -> following.dispose());
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick ->
                        ServerSentEvent.<String>builder().comment("heartbeat").build());
        return Flux.merge(events, heartbeats);
    }
}
