package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.identity.OidcProperties;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The dashboard's sign-in: {@code GET /v1/session} says who is signed in (in sandbox mode it signs in the sandbox
 * client), {@code POST} signs in with an API key or a bearer JWT and sets the session cookie, {@code DELETE} signs
 * out, and {@code POST /v1/session/stream-ticket} gives a page a short-lived ticket for one event stream.
 */
@RestController
final class SessionController {

    /** A sign-in with an API key typed into the dashboard. */
    record SignIn(@Nullable String apiKey) {}

    /** Which event stream a ticket is for. */
    record TicketRequest(@Nullable String path) {}

    private final SessionCookies cookies;
    private final SignedTokens tokens;
    private final ApiKeys keys;
    private final Duration ticketTtl;
    private final Optional<ClientPrincipal> sandboxClient;
    private final boolean oidcLogin;

    SessionController(
            SessionCookies cookies,
            SignedTokens tokens,
            ApiKeys keys,
            BrowserProperties browser,
            UnideployProperties properties,
            OidcProperties oidc) {
        this.cookies = cookies;
        this.tokens = tokens;
        this.keys = keys;
        this.ticketTtl = browser.streamTicketTtl();
        this.sandboxClient = properties.sandboxMode() && browser.sandboxSignIn()
                ? keys.authenticate(properties.sandbox().token())
                : Optional.empty();
        this.oidcLogin = oidc.dashboard() != null;
    }

    @GetMapping("/v1/session")
    Map<String, Object> current(ServerWebExchange exchange) {
        Optional<ClientPrincipal> principal = ClientPrincipal.current(exchange);
        if (principal.isEmpty() && sandboxClient.isPresent()) {
            cookies.signIn(sandboxClient.get(), exchange); // the sandbox opens signed in
            principal = sandboxClient;
        }
        return describe(principal.orElse(null));
    }

    @PostMapping("/v1/session")
    Map<String, Object> signIn(@RequestBody(required = false) @Nullable SignIn body, ServerWebExchange exchange) {
        Optional<ClientPrincipal> principal = ClientPrincipal.current(exchange);
        if (principal.isEmpty() && body != null && body.apiKey() != null) {
            principal = keys.authenticate(body.apiKey());
        }
        ClientPrincipal client = principal.orElseThrow(
                () -> ApiException.of(ProblemCode.UNAUTHORIZED, "A valid API key or bearer token is required."));
        cookies.signIn(client, exchange);
        return describe(client);
    }

    @DeleteMapping("/v1/session")
    ResponseEntity<Void> signOut(ServerWebExchange exchange) {
        cookies.signOut(exchange);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/session/stream-ticket")
    Map<String, Object> streamTicket(@RequestBody TicketRequest request, ServerWebExchange exchange) {
        ClientPrincipal principal = ClientPrincipal.of(exchange);
        if (!principal.has(Scope.READ)) {
            throw ApiException.of(ProblemCode.FORBIDDEN, "This client lacks the scope 'deployments:read'.");
        }
        String path = request.path() == null ? "" : request.path();
        if (!BrowserAuthenticationFilter.isStream(path)) {
            throw ApiException.invalid("path", "must be /v1/deployments/{id}/events or /v1/events");
        }
        String ticket = tokens.issue(principal, BrowserAuthenticationFilter.streamUse(path), ticketTtl);
        return Map.of(
                "ticket",
                ticket,
                "expiresAt",
                Instant.now().plus(ticketTtl).toString(),
                "url",
                path + "?ticket=" + ticket);
    }

    private Map<String, Object> describe(@Nullable ClientPrincipal principal) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("signedIn", principal != null);
        session.put("sandbox", sandboxClient.isPresent());
        if (oidcLogin) {
            session.put("oidcLogin", OidcLoginController.LOGIN);
        }
        if (principal != null) {
            session.put("client", principal.name());
            session.put(
                    "scopes",
                    principal.scopes().stream().map(Scope::wire).sorted().toList());
            session.put("providers", principal.providers().stream().sorted().toList());
        }
        return session;
    }
}
