package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.util.List;
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
 * {@code deployments:read}, writes {@code deployments:write}, the passthrough and actuator {@code admin}. Decides on
 * the decoded path routing uses ({@link RequestPath}), so no encoding reaches a route its key may not; a path under
 * {@code /v1/providers/{provider}} also needs that connection in the key's allowlist.
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
        RequestPath path = RequestPath.of(exchange);
        if (isPublic(path)) {
            return chain.filter(exchange);
        }
        // a browser session, stream ticket or verified JWT (dev.unideploy.gateway.browser) may have named it already
        Optional<ClientPrincipal> principal =
                ClientPrincipal.current(exchange).or(() -> bearer(exchange).flatMap(keys::authenticate));
        if (principal.isEmpty()) {
            return Mono.error(ApiException.of(ProblemCode.UNAUTHORIZED, "A valid bearer API key is required."));
        }
        Scope needed = requiredScope(exchange.getRequest().getMethod(), path);
        if (!principal.get().has(needed)) {
            return Mono.error(
                    ApiException.of(ProblemCode.FORBIDDEN, "This API key lacks the scope '" + needed.wire() + "'."));
        }
        List<String> segments = path.segments();
        if (segments.size() >= 3
                && segments.get(0).equals("v1")
                && segments.get(1).equals("providers")) {
            try {
                principal.get().checkProvider(segments.get(2));
            } catch (ApiException forbidden) {
                return Mono.error(forbidden);
            }
        }
        exchange.getAttributes().put(ClientPrincipal.ATTRIBUTE, principal.get());
        return chain.filter(exchange);
    }

    static boolean isPublic(RequestPath path) {
        List<String> segments = path.segments();
        boolean notifications = segments.size() == 4
                && segments.get(0).equals("v1")
                && segments.get(1).equals("providers")
                && segments.get(3).equals("notifications");
        return path.value().equals("/v1/openapi.yaml")
                || isDashboard(path)
                || path.isUnder("/v1/session") // names its client itself (dev.unideploy.gateway.browser)
                || path.isUnder("/actuator/health")
                // provider notifications carry their connection's own secret instead of an API key
                || notifications;
    }

    /** The dashboard's static files: they hold no data; everything they show comes from the API. */
    private static boolean isDashboard(RequestPath path) {
        return path.value().equals("/") || path.value().equals("/index.html") || path.isUnder("/dashboard");
    }

    static Scope requiredScope(HttpMethod method, RequestPath path) {
        List<String> segments = path.segments();
        boolean passthrough = segments.size() >= 4
                && segments.get(0).equals("v1")
                && segments.get(1).equals("providers")
                && segments.get(3).equals("passthrough");
        if (path.isUnder("/actuator") || passthrough) {
            return Scope.ADMIN;
        }
        if (path.isUnder("/v1/audit")) {
            return Scope.ADMIN;
        }
        if (path.isUnder("/v1/webhooks")) {
            return Scope.WEBHOOKS;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? Scope.READ
                : Scope.WRITE;
    }

    private static Optional<String> bearer(ServerWebExchange exchange) {
        return bearer(exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION));
    }

    /** The bearer token of a request's {@code Authorization} headers: exactly one, {@code Bearer} in any case. */
    public static Optional<String> bearer(List<String> headers) {
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
