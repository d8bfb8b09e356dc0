package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admin passthrough to one provider's own API: the rest of the path goes under the provider's base path and
 * nowhere else, the client's credentials are dropped and the connection's injected, behind the connection's
 * circuit breaker.
 */
final class PassthroughFilter implements GatewayFilter {

    /** Dot segments and encoded separators could climb out of the provider's base path. */
    private static final Pattern ESCAPE = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\|//");

    private final String prefix;
    private final String basePath;
    private final ProviderAdapter adapter;
    private final CircuitBreaker breaker;

    PassthroughFilter(String prefix, URI baseUrl, ProviderAdapter adapter, CircuitBreaker breaker) {
        this.prefix = prefix;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.adapter = adapter;
        this.breaker = breaker;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        String rest = rawPath.substring(Math.min(prefix.length(), rawPath.length()));
        if (ESCAPE.matcher(rest.toLowerCase(Locale.ROOT)).find()) {
            return Mono.error(ApiException.invalid("path", "must stay under the provider's base path"));
        }
        String target = basePath + (rest.isEmpty() ? "/" : rest);
        return adapter.authHeaders()
                .flatMap(credentials -> {
                    ServerHttpRequest request = exchange.getRequest()
                            .mutate()
                            .path(target)
                            .headers(headers -> {
                                headers.remove(HttpHeaders.AUTHORIZATION);
                                headers.remove(HttpHeaders.COOKIE);
                                headers.remove("x-api-key");
                                credentials.forEach(headers::set);
                            })
                            .build();
                    return chain.filter(exchange.mutate().request(request).build());
                })
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(
                        CallNotPermittedException.class,
                        open -> new ProviderException.Unavailable(
                                "circuit open after repeated failures; calls are refused for a while",
                                null,
                                null,
                                open))
                .onErrorMap(
                        error -> !(error instanceof ApiException) && !(error instanceof ProviderException),
                        error -> ApiException.of(
                                ProblemCode.PROVIDER_UNAVAILABLE, "The provider could not be reached."));
    }

    @Override
    public String toString() {
        return "Passthrough[" + prefix + " -> " + basePath + "]";
    }
}
