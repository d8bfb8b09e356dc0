package dev.unideploy.gateway.audit;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemTranslation;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.gateway.web.RequestIdFilter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every mutating API call of an authenticated client once it is answered: what, on what, by whom, with what
 * outcome. Runs before authentication so that it sees the outcome of everything after it; calls refused before a
 * client is known (401) are not recorded.
 */
final class AuditFilter implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 64 * 1024;

    private final AuditTrail trail;
    private final Clock clock;

    AuditFilter(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5; // after the request id, before authentication (+10)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = UriUtils.decode(
                exchange.getRequest().getPath().pathWithinApplication().value(), StandardCharsets.UTF_8);
        if (!Operations.audited(method, path)) {
            return chain.filter(exchange);
        }
        StringBuilder body = new StringBuilder();
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (body.length() < MAX_BODY) {
                        body.append(buffer.toString(
                                buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8));
                    }
                });
            }
        };
        ServerWebExchange audited = exchange.mutate().request(request).build();
        // who made a deployment is known before the answer leaves, so the feed can name them in its first event
        audited.getResponse().beforeCommit(() -> attribute(audited, method, path));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return chain.filter(audited).doOnError(failure::set).doFinally(signal -> {
            AuditRecord record = toRecord(audited, method, path, body, failure.get());
            if (record != null) {
                trail.record(record).subscribe();
            }
        });
    }

    private Mono<Void> attribute(ServerWebExchange exchange, HttpMethod method, String path) {
        ClientPrincipal client = exchange.getAttribute(ClientPrincipal.class.getName());
        URI location = exchange.getResponse().getHeaders().getLocation();
        String made = location == null ? null : lastSegment(location.getPath(), "/v1/deployments/");
        if (client == null
                || made == null
                || !Operations.of(method, path).name().startsWith("deployments.")) {
            return Mono.empty();
        }
        return trail.attribute(made, client.name());
    }

    private @Nullable AuditRecord toRecord(
            ServerWebExchange exchange, HttpMethod method, String path, CharSequence body, @Nullable Throwable error) {
        ClientPrincipal client = exchange.getAttribute(ClientPrincipal.class.getName());
        if (client == null) {
            return null;
        }
        Operations.Operation operation = Operations.of(method, path);
        String target = operation.target() == null ? null : UriUtils.decode(operation.target(), StandardCharsets.UTF_8);
        String code = null;
        int status;
        if (error != null) {
            Problem problem = error instanceof ApiException api ? null : ProblemTranslation.toProblem(error);
            code = error instanceof ApiException api
                    ? api.code().wire()
                    : problem == null ? "internal_error" : problem.code().wire();
            status = error instanceof ApiException api
                    ? api.code().status().value()
                    : problem == null ? 500 : problem.code().status().value();
        } else {
            HttpStatusCode answered = exchange.getResponse().getStatusCode();
            status = answered == null ? 200 : answered.value();
        }
        URI location = exchange.getResponse().getHeaders().getLocation();
        String made = location == null ? null : lastSegment(location.getPath(), "/v1/deployments/");
        if (operation.name().equals("deployments.trigger") && target == null) {
            target = appIdOf(body);
        }
        String deploymentId = made != null
                ? made
                : operation.name().startsWith("deployments.")
                                && !operation.name().equals("deployments.trigger")
                        ? target
                        : null;
        String provider = operation.provider() != null ? operation.provider() : Operations.connectionOf(target);
        if (operation.name().equals("webhooks.create") && location != null) {
            target = lastSegment(location.getPath(), "/v1/webhooks/");
        }
        return new AuditRecord(
                null,
                clock.instant(),
                client.name(),
                client.scopes().stream().map(Scope::wire).sorted().toList(),
                operation.name(),
                method.name(),
                path,
                target,
                provider,
                deploymentId,
                status,
                code,
                RequestIdFilter.requestId(exchange),
                exchange.getRequest().getHeaders().getFirst("Idempotency-Key"));
    }

    private static @Nullable String lastSegment(@Nullable String path, String prefix) {
        if (path == null || !path.startsWith(prefix)) return null;
        String rest = path.substring(prefix.length());
        return rest.isEmpty() || rest.contains("/") ? null : UriUtils.decode(rest, StandardCharsets.UTF_8);
    }

    private static @Nullable String appIdOf(CharSequence body) {
        try {
            JsonNode node = JSON.readTree(body.toString());
            String appId = node.path("appId").asString(null);
            return appId == null || appId.length() > 300 ? null : appId;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
