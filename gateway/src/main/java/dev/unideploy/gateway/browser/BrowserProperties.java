package dev.unideploy.gateway.browser;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser access ({@code unideploy.browser.*}).
 *
 * @param cors the other origins whose pages may call the API; none by default
 * @param session the dashboard's session cookie
 * @param streamTicketTtl how long a stream ticket ({@code POST /v1/session/stream-ticket}) can open event streams
 * @param sandboxSignIn whether, in sandbox mode, the dashboard opens signed in with the sandbox client
 */
@ConfigurationProperties("unideploy.browser")
public record BrowserProperties(
        @DefaultValue Cors cors,
        @DefaultValue Session session,
        @DefaultValue("60s") Duration streamTicketTtl,
        @DefaultValue("true") boolean sandboxSignIn) {

    /**
     * CORS for pages on other origins. Preflights are answered before authentication; nothing is allowed unless
     * listed here.
     *
     * @param allowedOrigins exact origins, e.g. {@code https://backstage.example.com}
     * @param allowCredentials whether those pages may send cookies (the dashboard's session cookie is SameSite=Strict,
     *     so this only matters for same-site origins)
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("false") boolean allowCredentials,
            @DefaultValue("30m") Duration maxAge) {}

    /**
     * The dashboard's session cookie: HttpOnly, SameSite=Strict, signed with HMAC-SHA256; it carries the client's
     * name, scopes and provider allowlist, so every instance that shares the key accepts it.
     *
     * @param key base64 of at least 32 random bytes; unset, each instance makes its own at start (sessions then end
     *     with a restart and do not cross instances)
     * @param ttl how long a sign-in lasts
     * @param secure whether the cookie is marked Secure (set it behind HTTPS)
     */
    public record Session(
            @Nullable String key,
            @DefaultValue("8h") Duration ttl,
            @DefaultValue("false") boolean secure) {

        @Override
        public String toString() {
            return "Session[ttl=" + ttl + ", secure=" + secure + "]";
        }
    }
}
