package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.identity.JwtAuthenticator;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the client of a request that carries no API key: a bearer JWT of a trusted issuer, the dashboard's session
 * cookie, or (for an event stream only) a stream ticket. The API-key filter then checks scopes as for any key. A
 * cookie alone never authorises a write: it must come with the dashboard's {@code X-Requested-With} header, which a
 * cross-site form cannot send and a cross-origin script cannot send without a preflight CORS refuses.
 */
final class BrowserAuthenticationFilter implements WebFilter, Ordered {

    static final String COOKIE = "unideploy_session";
    static final String SESSION = "session";
    static final String CSRF_HEADER = "X-Requested-With";
    private static final String BEARER = "bearer ";
    private static final Pattern STREAM = Pattern.compile("/v1/deployments/[^/]+/events|/v1/events");

    private final SignedTokens tokens;
    private final JwtAuthenticator jwts;
    private final ApiKeys keys;

    BrowserAuthenticationFilter(SignedTokens tokens, JwtAuthenticator jwts, ApiKeys keys) {
        this.tokens = tokens;
        this.jwts = jwts;
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 9; // just before ApiKeyAuthenticationFilter
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Optional<String> bearer = bearer(request);
        if (bearer.isPresent()) {
            String token = bearer.get();
            if (jwts.enabled() && JwtAuthenticator.looksLikeJwt(token)) {
                return jwts.authenticate(token).flatMap(principal -> {
                    ClientPrincipal.attach(exchange, principal);
                    return chain.filter(exchange);
                });
            }
            if (request.getPath().pathWithinApplication().value().startsWith("/v1/session")) {
                keys.authenticate(token).ifPresent(principal -> ClientPrincipal.attach(exchange, principal));
            }
            return chain.filter(exchange); // an API key: the API-key filter's business
        }
        Optional<ClientPrincipal> browser = fromCookie(request).or(() -> fromTicket(request));
        if (browser.isPresent()) {
            if (!safe(request.getMethod()) && !request.getHeaders().containsHeader(CSRF_HEADER)) {
                return Mono.error(ApiException.of(
                        ProblemCode.FORBIDDEN,
                        "A write with the session cookie needs the " + CSRF_HEADER
                                + " header (sent by the dashboard)."));
            }
            ClientPrincipal.attach(exchange, browser.get());
        }
        return chain.filter(exchange);
    }

    private Optional<ClientPrincipal> fromCookie(ServerHttpRequest request) {
        List<HttpCookie> cookies = request.getCookies().getOrDefault(COOKIE, List.of());
        return cookies.size() == 1
                ? tokens.verify(cookies.get(0).getValue(), SESSION).map(SignedTokens.Grant::principal)
                : Optional.empty();
    }

    /** A ticket opens the one event stream it was issued for, with GET only. */
    private Optional<ClientPrincipal> fromTicket(ServerHttpRequest request) {
        String ticket = request.getQueryParams().getFirst("ticket");
        String path = request.getPath().pathWithinApplication().value();
        if (ticket == null || request.getMethod() != HttpMethod.GET || !isStream(path)) {
            return Optional.empty();
        }
        return tokens.verify(ticket, streamUse(path)).map(SignedTokens.Grant::principal);
    }

    static boolean isStream(String path) {
        return STREAM.matcher(path).matches();
    }

    static String streamUse(String path) {
        return "stream:" + path;
    }

    private static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static Optional<String> bearer(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim()).filter(token -> !token.isEmpty());
    }
}
