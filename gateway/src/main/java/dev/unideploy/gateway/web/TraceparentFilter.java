package dev.unideploy.gateway.web;

import dev.unideploy.spi.ProviderHttp;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C Trace Context: continues the caller's {@code traceparent} (same trace id and flags, the gateway's own span
 * id), or starts a trace, and hands it to every provider call made for the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TraceparentFilter implements WebFilter {

    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceparent = next(exchange.getRequest().getHeaders().getFirst("traceparent"));
        return chain.filter(exchange).contextWrite(context -> context.put(ProviderHttp.TRACEPARENT, traceparent));
    }

    /** The traceparent for the gateway's span, child of {@code incoming} where that is a valid one. */
    static String next(@Nullable String incoming) {
        Matcher valid = incoming == null ? null : VERSION_00.matcher(incoming.trim());
        boolean continues = valid != null && valid.matches() && !valid.group(1).equals(INVALID_TRACE);
        String traceId = continues ? valid.group(1) : hex(16);
        String flags = continues ? valid.group(3) : "01";
        return "00-" + traceId + "-" + hex(8) + "-" + flags;
    }

    private static String hex(int bytes) {
        // trace and span ids must be unique, not secret (W3C Trace Context §3.2.2.3): no SecureRandom per request
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
