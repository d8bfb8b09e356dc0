package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses unsafe request paths (400, see {@link RequestPath}) before authentication, routing or any provider call,
 * and hands the decoded path it accepted to everything after it. An API query parameter given with no value
 * ({@code ?status=}) is 400 naming it too: no parameter of the API may be empty, and Spring would otherwise read it
 * as absent (no filter) or as its default. The passthrough forwards its query untouched;
 * the browser sign-in pages answer their own.
 */
public final class PathGuardFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5; // after the request id, before authentication
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestPath path;
        try {
            path = RequestPath.parse(exchange.getRequest());
        } catch (RuntimeException refused) {
            return Mono.error(refused);
        }
        if (path.isUnder("/v1") && !path.isUnder("/v1/session") && !isPassthrough(path)) {
            for (Map.Entry<String, List<String>> parameter :
                    exchange.getRequest().getQueryParams().entrySet()) {
                if (parameter.getValue().stream().anyMatch(value -> value == null || value.isEmpty())) {
                    return Mono.error(ApiException.invalid(parameter.getKey(), "must not be empty"));
                }
            }
        }
        exchange.getAttributes().put(RequestPath.ATTRIBUTE, path);
        return chain.filter(exchange);
    }

    private static boolean isPassthrough(RequestPath path) {
        List<String> segments = path.segments();
        return segments.size() >= 4
                && segments.get(1).equals("providers")
                && segments.get(3).equals("passthrough");
    }
}
