package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.identity.JwtAuthenticator;
import dev.unideploy.gateway.identity.OidcProperties;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The dashboard's OIDC sign-in as a backend for the browser: authorization code with PKCE (S256), the code exchanged
 * here, the token verified like any bearer JWT, and only the session cookie handed to the browser. The state and
 * verifier wait in a short-lived HttpOnly cookie (SameSite=Lax, so it comes back with the issuer's redirect).
 */
@RestController
final class OidcLoginController {

    static final String LOGIN = "/v1/session/oidc/login";
    static final String CALLBACK = "/v1/session/oidc/callback";
    private static final String FLOW_COOKIE = "unideploy_oidc";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final OidcProperties.@Nullable Dashboard dashboard;
    private final JwtAuthenticator jwts;
    private final SessionCookies sessions;
    private final WebClient web;
    private final Mono<Map<String, Object>> discovery;

    OidcLoginController(OidcProperties oidc, JwtAuthenticator jwts, SessionCookies sessions) {
        this.dashboard = oidc.dashboard();
        this.jwts = jwts;
        this.sessions = sessions;
        this.web = WebClient.create(); // the identity provider's discovery and token endpoints only
        this.discovery = dashboard == null
                ? Mono.error(ApiException.notFound("OIDC sign-in is not configured (unideploy.oidc.dashboard)."))
                : this.web
                        .get()
                        .uri(issuerUri(oidc, dashboard) + "/.well-known/openid-configuration")
                        .retrieve()
                        .bodyToMono(JSON_OBJECT)
                        .cache(ok -> Duration.ofHours(1), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    private static String issuerUri(OidcProperties oidc, OidcProperties.Dashboard dashboard) {
        OidcProperties.Issuer issuer = oidc.issuers().get(dashboard.issuer());
        if (issuer == null) {
            throw new IllegalArgumentException("unideploy.oidc.dashboard.issuer: no issuer '" + dashboard.issuer()
                    + "' under unideploy.oidc.issuers");
        }
        return issuer.issuerUri().toString().replaceAll("/$", "");
    }

    @GetMapping(LOGIN)
    Mono<ResponseEntity<Void>> login(
            @RequestParam(name = "returnTo", required = false) @Nullable String returnTo, ServerWebExchange exchange) {
        if (dashboard == null) {
            return discovery.then(Mono.empty());
        }
        String state = random();
        String verifier = random();
        String back = localPath(returnTo);
        return discovery.map(config -> {
            URI authorize = UriComponentsBuilder.fromUriString(String.valueOf(config.get("authorization_endpoint")))
                    .queryParam("response_type", "code")
                    .queryParam("client_id", dashboard.clientId())
                    .queryParam("redirect_uri", callbackUri(exchange))
                    .queryParam("scope", dashboard.scope())
                    .queryParam("state", state)
                    .queryParam("code_challenge", challenge(verifier))
                    .queryParam("code_challenge_method", "S256")
                    .encode()
                    .build()
                    .toUri();
            exchange.getResponse()
                    .addCookie(flowCookie(state + "." + verifier + "." + encode(back), Duration.ofMinutes(10)));
            return ResponseEntity.status(HttpStatus.FOUND).location(authorize).<Void>build();
        });
    }

    @GetMapping(CALLBACK)
    Mono<ResponseEntity<Void>> callback(
            @RequestParam(name = "code", required = false) @Nullable String code,
            @RequestParam(name = "state", required = false) @Nullable String state,
            ServerWebExchange exchange) {
        if (dashboard == null) {
            return discovery.then(Mono.empty());
        }
        HttpCookie flow = exchange.getRequest().getCookies().getFirst(FLOW_COOKIE);
        String[] parts = flow == null ? new String[0] : flow.getValue().split("\\.", -1);
        if (code == null
                || state == null
                || parts.length != 3
                || !MessageDigest.isEqual(
                        parts[0].getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(ApiException.of(
                    ProblemCode.UNAUTHORIZED,
                    "The sign-in did not complete (missing or mismatched state); try again."));
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", callbackUri(exchange));
        form.add("client_id", dashboard.clientId());
        form.add("code_verifier", parts[1]);
        if (dashboard.clientSecret() != null) {
            form.add("client_secret", dashboard.clientSecret());
        }
        return discovery
                .flatMap(config -> web.post()
                        .uri(String.valueOf(config.get("token_endpoint")))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData(form))
                        .retrieve()
                        .bodyToMono(JSON_OBJECT))
                .onErrorMap(
                        error -> !(error instanceof ApiException),
                        error -> ApiException.of(
                                ProblemCode.UNAUTHORIZED,
                                "The identity provider did not accept the sign-in; try again."))
                .flatMap(tokens -> jwts.authenticate(String.valueOf(tokens.get("access_token"))))
                .map(principal -> {
                    sessions.signIn(principal, exchange);
                    exchange.getResponse().addCookie(flowCookie("", Duration.ZERO));
                    return ResponseEntity.status(HttpStatus.FOUND)
                            .header(HttpHeaders.LOCATION, decode(parts[2]))
                            .<Void>build();
                });
    }

    private String callbackUri(ServerWebExchange exchange) {
        URI request = exchange.getRequest().getURI();
        return UriComponentsBuilder.newInstance()
                .scheme(request.getScheme())
                .host(request.getHost())
                .port(request.getPort())
                .path(CALLBACK)
                .toUriString();
    }

    /** Only a path on this gateway: never another host ({@code //evil}) after sign-in. */
    private static String localPath(@Nullable String returnTo) {
        return returnTo != null && returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\")
                ? returnTo
                : "/";
    }

    private static ResponseCookie flowCookie(String value, Duration maxAge) {
        return ResponseCookie.from(FLOW_COOKIE, value)
                .httpOnly(true)
                .sameSite("Lax")
                .path("/v1/session/oidc")
                .maxAge(maxAge)
                .build();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String encoded) {
        try {
            return localPath(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }

    @Override
    public String toString() {
        return "OidcLoginController[" + dashboard + "]";
    }
}
