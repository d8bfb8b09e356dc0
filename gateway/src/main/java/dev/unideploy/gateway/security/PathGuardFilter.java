package dev.unideploy.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses unsafe request paths (400, see {@link RequestPath}) before authentication, routing or any provider call,
 * and hands the decoded path it accepted to everything after it.
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
        exchange.getAttributes().put(RequestPath.ATTRIBUTE, path);
        return chain.filter(exchange);
    }
}
