package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.SecretRedaction;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Masks configured secrets in every response header just before it is sent — a provider's headers copied by the
 * passthrough ({@code Location} included), and anything else — so no header hands a credential to a client.
 */
public final class ResponseHeaderRedaction implements WebFilter, Ordered {

    private final SecretRedaction redaction;

    public ResponseHeaderRedaction(SecretRedaction redaction) {
        this.redaction = redaction;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!redaction.isEmpty()) {
            exchange.getResponse().beforeCommit(() -> {
                mask(exchange.getResponse().getHeaders());
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    void mask(HttpHeaders headers) {
        for (String name : List.copyOf(headers.headerNames())) {
            List<String> values = headers.getOrEmpty(name);
            List<String> masked = values.stream().map(redaction::redact).toList();
            if (!masked.equals(values)) {
                headers.put(name, masked);
            }
        }
    }
}
