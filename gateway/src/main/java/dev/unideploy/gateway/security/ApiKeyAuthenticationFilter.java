package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a bearer API key on everything but the spec and health, and the scope the route needs: reads need
 * {@code deployments:read}, writes {@code deployments:write}, the passthrough and actuator {@code admin}.
 */
public final class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;

    public ApiKeyAuthenticationFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (isPublic(path)) {
            return chain.filter(exchange);
        }
        Optional<ClientPrincipal> principal = bearer(exchange).flatMap(keys::authenticate);
        if (principal.isEmpty()) {
            return Mono.error(ApiException.of(ProblemCode.UNAUTHORIZED, "A valid bearer API key is required."));
        }
        Scope needed = requiredScope(exchange.getRequest().getMethod(), path);
        if (!principal.get().has(needed)) {
            return Mono.error(
                    ApiException.of(ProblemCode.FORBIDDEN, "This API key lacks the scope '" + needed.wire() + "'."));
        }
        exchange.getAttributes().put(ClientPrincipal.ATTRIBUTE, principal.get());
        return chain.filter(exchange);
    }

    static boolean isPublic(String path) {
        return path.equals("/v1/openapi.yaml")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                // provider notifications carry their connection's own secret instead of an API key
                || path.matches("/v1/providers/[^/]+/notifications/?");
    }

    static Scope requiredScope(HttpMethod method, String path) {
        if (path.startsWith("/actuator") || path.matches("/v1/providers/[^/]+/passthrough(/.*)?")) {
            return Scope.ADMIN;
        }
        if (path.equals("/v1/audit") || path.startsWith("/v1/audit/")) {
            return Scope.ADMIN;
        }
        if (path.equals("/v1/webhooks") || path.startsWith("/v1/webhooks/")) {
            return Scope.WEBHOOKS;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? Scope.READ
                : Scope.WRITE;
    }

    private static Optional<String> bearer(ServerWebExchange exchange) {
        java.util.List<String> headers = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (headers.size() != 1) {
            return Optional.empty(); // none, or ambiguous credentials
        }
        String header = headers.get(0);
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim()).filter(token -> !token.isEmpty());
    }
}
