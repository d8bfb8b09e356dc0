package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.security.ClientPrincipal;
import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/** Sets and clears the dashboard's session cookie: HttpOnly, SameSite=Strict, signed, Secure where configured. */
final class SessionCookies {

    private final SignedTokens tokens;
    private final BrowserProperties.Session session;

    SessionCookies(SignedTokens tokens, BrowserProperties.Session session) {
        this.tokens = tokens;
        this.session = session;
    }

    void signIn(ClientPrincipal principal, ServerWebExchange exchange) {
        String value = tokens.issue(principal, BrowserAuthenticationFilter.SESSION, session.ttl());
        exchange.getResponse().addCookie(cookie(value, session.ttl()));
    }

    void signOut(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(cookie("", Duration.ZERO));
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(BrowserAuthenticationFilter.COOKIE, value)
                .httpOnly(true)
                .secure(session.secure())
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    @Override
    public String toString() {
        return "SessionCookies[" + session + "]";
    }
}
