package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.web.RenderedReads.Rendered;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Conditional and repeated reads of deployments, deployment lists, apps and revisions. Every 200 answer carries an
 * {@code ETag} (the SHA-256 of its body); a request whose {@code If-None-Match} matches is answered 304 with no
 * body. The answer is kept as it was sent ({@link RenderedReads}): while it holds, the same client asking again
 * gets those bytes — or a 304 — without the handler running, so without serialising or calling the provider.
 * Runs after authentication and rate limits, so every request is still authorised and counted; any write under
 * {@code /v1/} clears what was kept.
 */
@Component
public final class ConditionalReadFilter implements WebFilter, Ordered {

    /** The reads whose answers may be kept: a deployment (not waiting), a list, apps, an app's revisions. */
    private static final Pattern CACHEABLE =
            Pattern.compile("/v1/deployments(/[^/]+)?|/v1/apps|/v1/apps/[^/]+/revisions");

    private static final Pattern ONE_DEPLOYMENT = Pattern.compile("/v1/deployments/[^/]+");

    /** Set by the handler when the deployment it answers is finished. */
    private static final String FINISHED = ConditionalReadFilter.class.getName() + ".finished";

    private final RenderedReads reads;

    ConditionalReadFilter(UnideployProperties properties) {
        this.reads = new RenderedReads(properties.resilience());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30; // after authentication (+10) and rate limits (+20)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET) {
            return isWrite(method, path) ? writeThrough(exchange, chain) : chain.filter(exchange);
        }
        String query = request.getURI().getRawQuery();
        if (!CACHEABLE.matcher(path).matches() || (query != null && query.contains("waitFor="))) {
            return chain.filter(exchange);
        }
        String key = key(ClientPrincipal.of(exchange).name(), path, query);
        String ifNoneMatch = request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
        Rendered kept = reads.get(key);
        if (kept != null) {
            return answer(exchange.getResponse(), kept, ifNoneMatch);
        }
        boolean oneDeployment = ONE_DEPLOYMENT.matcher(path).matches();
        long generation = reads.generation();
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (getStatusCode() != null && getStatusCode().value() != HttpStatus.OK.value()) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(body).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    MediaType type = getHeaders().getContentType();
                    Rendered rendered = new Rendered(
                            bytes,
                            RenderedReads.etag(bytes),
                            type == null ? MediaType.APPLICATION_JSON_VALUE : type.toString(),
                            reads.ttl(oneDeployment && Boolean.TRUE.equals(exchange.getAttribute(FINISHED))));
                    reads.put(key, rendered, generation);
                    return answer(getDelegate(), rendered, ifNoneMatch);
                });
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    /** What an answer is kept under: the client and the request target, as sent (raw path and query). */
    static String key(String client, String rawPath, @Nullable String rawQuery) {
        return client + ' ' + rawPath + (rawQuery == null ? "" : '?' + rawQuery);
    }

    /** The answers kept, shared with {@link KeptReads}. */
    RenderedReads reads() {
        return reads;
    }

    /** The kept answer, or 304 when the client already has it. */
    private static Mono<Void> answer(ServerHttpResponse response, Rendered rendered, @Nullable String ifNoneMatch) {
        HttpHeaders headers = response.getHeaders();
        headers.setETag(rendered.etag());
        if (RenderedReads.matches(ifNoneMatch, rendered.etag())) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        headers.set(HttpHeaders.CONTENT_TYPE, rendered.contentType());
        headers.setContentLength(rendered.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(rendered.body())));
    }

    /** Forgets every kept answer (after changing a provider behind the gateway's back, say). */
    public void clear() {
        reads.clear();
    }

    /** Clears what was kept when the write starts and again when its answer is sent. */
    private Mono<Void> writeThrough(ServerWebExchange exchange, WebFilterChain chain) {
        reads.clear();
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(reads::clear));
        return chain.filter(exchange).doFinally(signal -> reads.clear());
    }

    private static boolean isWrite(@Nullable HttpMethod method, String path) {
        return method != HttpMethod.HEAD && method != HttpMethod.OPTIONS && path.startsWith("/v1/");
    }

    /** Marks the answer being written as a finished deployment (immutable: kept for {@code terminal-ttl}). */
    static void finished(ServerWebExchange exchange) {
        exchange.getAttributes().put(FINISHED, Boolean.TRUE);
    }
}
