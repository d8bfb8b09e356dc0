package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.RequestPath;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The admin passthrough to one provider's own API. Only an {@code admin} key whose allowlist has the connection
 * gets through; the rest of the (already guarded, decoded) path goes under the provider's base path and nowhere
 * else; the client's credentials are dropped and the connection's injected; the call has the time limit of its
 * class (reads short, writes longer) and passes the connection's circuit breaker; the request body and the answer
 * are bounded, and the answer reaches the client byte for byte but with every secret masked. Every failure is a
 * problem naming the provider.
 */
final class PassthroughFilter implements GatewayFilter {

    /** What the gateway checked: the passthrough's target stays a clean path under the base path. */
    record Limits(Duration readTimeout, Duration writeTimeout, long maxRequestBytes, long maxResponseBytes) {}

    private final String provider;
    private final String prefix;
    private final String basePath;
    private final ProviderAdapter adapter;
    private final CircuitBreaker breaker;
    private final Limits limits;
    private final SecretRedaction redaction;

    PassthroughFilter(
            String provider,
            String prefix,
            URI baseUrl,
            ProviderAdapter adapter,
            CircuitBreaker breaker,
            Limits limits,
            SecretRedaction redaction) {
        this.provider = provider;
        this.prefix = prefix;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.adapter = adapter;
        this.breaker = breaker;
        this.limits = limits;
        this.redaction = redaction;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse original = exchange.getResponse();
        HttpHeaders gatewayHeaders = HttpHeaders.copyOf(original.getHeaders());
        return Mono.defer(() -> forward(exchange, chain))
                .onErrorMap(this::toProblem)
                .doOnError(failed -> {
                    if (!original.isCommitted()) { // the provider's headers must not dress the problem document
                        original.getHeaders().clear();
                        original.getHeaders().putAll(gatewayHeaders);
                    }
                });
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        if (!client.has(Scope.ADMIN)) {
            return Mono.error(ApiException.of(ProblemCode.FORBIDDEN, "The passthrough needs the scope 'admin'."));
        }
        client.checkProvider(provider);
        ServerHttpRequest incoming = exchange.getRequest();
        if (incoming.getHeaders().getContentLength() > limits.maxRequestBytes()) {
            return Mono.error(BoundedRequest.tooLarge(limits.maxRequestBytes()));
        }
        String target = basePath + rest(RequestPath.of(exchange));
        HttpMethod method = incoming.getMethod();
        Duration timeout = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? limits.readTimeout()
                : limits.writeTimeout();
        return adapter.authHeaders()
                .flatMap(credentials -> {
                    ServerHttpRequest request = incoming.mutate()
                            .path(target)
                            .headers(headers -> {
                                headers.remove(HttpHeaders.AUTHORIZATION);
                                headers.remove(HttpHeaders.COOKIE);
                                headers.remove("x-api-key");
                                // an identity answer can be checked for secrets as it is
                                headers.remove(HttpHeaders.ACCEPT_ENCODING);
                                credentials.forEach(headers::set);
                            })
                            .build();
                    return chain.filter(exchange.mutate()
                            .request(new BoundedRequest(request, limits.maxRequestBytes()))
                            .response(new CheckedResponse(exchange.getResponse(), limits.maxResponseBytes(), redaction))
                            .build());
                })
                .timeout(timeout)
                .onErrorMap(
                        TimeoutException.class,
                        late -> new ProviderException.Timeout("no answer within " + timeout.toMillis() + " ms", late))
                .onErrorMap(
                        PassthroughFilter::isTransportFailure,
                        failed -> new ProviderException.Unavailable(
                                "provider unreachable: the connection failed", null, null, failed))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(
                        CallNotPermittedException.class,
                        open -> new ProviderException.Unavailable(
                                "circuit open after repeated failures; calls are refused for a while",
                                null,
                                null,
                                open));
    }

    /** The decoded rest of the path, each segment encoded again for the provider. */
    private String rest(RequestPath path) {
        List<String> segments = path.segments();
        int skip = prefix.split("/").length - 1; // "/v1/providers/x/passthrough" → 4 segments
        StringBuilder rest = new StringBuilder();
        for (String segment : segments.subList(Math.min(skip, segments.size()), segments.size())) {
            rest.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        if (rest.length() == 0 || path.value().endsWith("/")) {
            rest.append('/');
        }
        return rest.toString();
    }

    private static boolean isTransportFailure(Throwable error) {
        return !(error instanceof ApiException)
                && !(error instanceof ProviderException)
                && !(error instanceof CallNotPermittedException)
                && findApiException(error) == null;
    }

    private Throwable toProblem(Throwable error) {
        ApiException api = findApiException(error);
        if (api != null) {
            return api.provider() != null
                    ? api
                    : new ApiException(api.code(), api.getMessage(), provider, api.errors(), api.retryAfter());
        }
        if (error instanceof ProviderException failure) {
            return new ProviderCallException(provider, failure);
        }
        return error;
    }

    private static ApiException findApiException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Passthrough[" + prefix + " -> " + basePath + "]";
    }
}
