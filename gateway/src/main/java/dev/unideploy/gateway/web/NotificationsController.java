package dev.unideploy.gateway.web;

import dev.unideploy.gateway.feed.Notifications;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.provider.ProviderRegistry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/providers/{provider}/notifications}: a provider's own notification (Coolify's custom webhook), with
 * the connection's notification secret instead of an API key; it makes the gateway read the app at once. 404 for a
 * connection without a notification secret, 401 for a wrong secret.
 */
@RestController
class NotificationsController {

    private static final String BEARER = "bearer ";

    private final Notifications notifications;
    private final ProviderRegistry registry;

    NotificationsController(Notifications notifications, ProviderRegistry registry) {
        this.notifications = notifications;
        this.registry = registry;
    }

    @PostMapping(path = "/v1/providers/{provider}/notifications")
    Mono<ResponseEntity<Void>> receive(
            @PathVariable String provider,
            @RequestParam(name = "secret", required = false) @Nullable String secret,
            @RequestBody(required = false) @Nullable Mono<JsonNode> body,
            ServerWebExchange exchange) {
        if (!registry.contains(provider) || !notifications.configured(provider)) {
            return Mono.error(ApiException.notFound("No notifications are accepted for '" + provider + "'."));
        }
        String presented = secret != null ? secret : bearer(exchange);
        if (!notifications.authentic(provider, presented)) {
            return Mono.error(
                    ApiException.of(ProblemCode.UNAUTHORIZED, "The notification secret is missing or wrong."));
        }
        Mono<JsonNode> payload = body == null ? Mono.empty() : body.onErrorResume(unreadable -> Mono.empty());
        return payload.map(Optional::of).defaultIfEmpty(Optional.empty()).map(found -> {
            notifications.received(provider, found.orElse(null));
            return ResponseEntity.accepted().<Void>build();
        });
    }

    private static @Nullable String bearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, 7)) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }
}
