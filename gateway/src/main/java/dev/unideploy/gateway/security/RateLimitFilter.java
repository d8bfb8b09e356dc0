package dev.unideploy.gateway.security;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.store.RateLimits;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-client rate limits, after authentication: each client has a token bucket of {@code unideploy.rate-limit}
 * (or its own {@code rate-limit}) requests per period, shared by every instance when the store is Redis. Answers
 * carry {@code RateLimit-Limit} and {@code RateLimit-Remaining}; an empty bucket is 429 {@code rate_limited} with
 * {@code Retry-After}. If the store does not answer, requests go through: a rate limiter must not take the API down.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimits limits;
    private final UnideployProperties properties;

    public RateLimitFilter(RateLimits limits, UnideployProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20; // right after ApiKeyAuthenticationFilter
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ClientPrincipal client = exchange.getAttribute(ClientPrincipal.ATTRIBUTE);
        long limit = client == null ? 0 : limitOf(client);
        if (limit <= 0) {
            return chain.filter(exchange);
        }
        Duration period = properties.rateLimit().period();
        return limits.consume(client.name(), limit, period)
                .map(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("RateLimit-Limit", Long.toString(decision.limit()));
                    headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
                    return decision;
                })
                .onErrorResume(error -> {
                    log.warn(
                            "Rate limits unavailable, letting the request through: {}",
                            error.getClass().getSimpleName());
                    return Mono.just(new RateLimits.Decision(true, limit, limit, Duration.ZERO));
                })
                .flatMap(decision -> decision.allowed()
                        ? chain.filter(exchange)
                        : Mono.error(new ApiException(
                                ProblemCode.RATE_LIMITED,
                                "This client made more than " + limit + " requests in " + period
                                        + "; retry after the Retry-After delay.",
                                null,
                                List.of(),
                                decision.retryAfter())));
    }

    private long limitOf(ClientPrincipal client) {
        return limitOf(client, properties);
    }

    /** The client's requests per period: its own {@code rate-limit}, else the gateway's; 0 is unlimited. */
    public static long limitOf(ClientPrincipal client, UnideployProperties properties) {
        UnideployProperties.Client configured = properties.clients().get(client.name());
        if (configured != null && configured.rateLimit() != null) {
            return configured.rateLimit();
        }
        return properties.rateLimit().requests();
    }
}
