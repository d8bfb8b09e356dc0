package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.unideploy.gateway.UnideployApplication;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bearer JWTs from configured issuers, against a real OIDC server (mock-oauth2-server): claims mapped to scopes and
 * allowlists, every way a token can be wrong refused with a reason, key rotation, and the dashboard's sign-in by
 * authorization code with PKCE.
 */
@SandboxOnFreePorts
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "unideploy.oidc.issuers.corp.audiences=unideploy",
            "unideploy.oidc.issuers.corp.clock-skew=5s",
            "unideploy.oidc.issuers.corp.roles.platform.scopes=deployments:read,deployments:write",
            "unideploy.oidc.issuers.corp.roles.viewers.scopes=deployments:read",
            "unideploy.oidc.issuers.corp.roles.viewers.providers=zectre",
            "unideploy.oidc.issuers.rotating.audiences=unideploy",
            "unideploy.oidc.issuers.rotating.roles.platform.scopes=deployments:read",
            "unideploy.oidc.dashboard.issuer=corp",
            "unideploy.oidc.dashboard.client-id=unideploy-dashboard",
            "unideploy.browser.sandbox-sign-in=false"
        })
class OidcTest {

    private static final MockOAuth2Server OIDC = started();
    private static final String ISSUER = "corp";
    private static final AtomicReference<JWKSet> ROTATING_KEYS = new AtomicReference<>();
    private static final HttpServer JWKS = jwksServer();

    @LocalServerPort
    int port;

    private WebTestClient web;

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    /** An issuer whose key set the test rotates: the gateway must fetch it again for a key it has not seen. */
    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                byte[] body = ROTATING_KEYS.get().toString(true).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void issuers(DynamicPropertyRegistry registry) {
        registry.add(
                "unideploy.oidc.issuers.corp.issuer-uri",
                () -> OIDC.issuerUrl(ISSUER).toString());
        registry.add("unideploy.oidc.issuers.rotating.issuer-uri", () -> "https://rotating.example.com");
        registry.add(
                "unideploy.oidc.issuers.rotating.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stop() {
        OIDC.shutdown();
        JWKS.stop(0);
    }

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private String token(List<String> audience, Map<String, Object> claims, long expirySeconds) {
        return OIDC.issueToken(
                        ISSUER,
                        "unideploy-dashboard",
                        new DefaultOAuth2TokenCallback(ISSUER, "alice", "JWT", audience, claims, expirySeconds))
                .serialize();
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return web.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    @Test
    @DisplayName("a valid token is accepted with the scopes and allowlist its groups map to")
    void valid() {
        String viewer = token(List.of("unideploy"), Map.of("groups", List.of("viewers")), 300);
        get("/v1/apps?provider=zectre", viewer).expectStatus().isOk();
        get("/v1/apps?provider=coolify", viewer).expectStatus().isForbidden();
        web.post()
                .uri("/v1/deployments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"zectre:zec-web\"}")
                .exchange()
                .expectStatus()
                .isForbidden();
        String platform = token(List.of("unideploy"), Map.of("groups", List.of("platform", "unknown")), 300);
        web.post()
                .uri("/v1/deployments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"coolify:cool-web\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        get("/v1/session", platform)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.client")
                .isEqualTo("alice");
    }

    @Test
    @DisplayName("expired, wrong audience, untrusted issuer, forged signature and no mapped role are refused")
    void refused() {
        Map<String, Object> platform = Map.of("groups", List.of("platform"));
        // issued ten minutes ago, expired a minute ago: well past the 5 s clock skew
        long issued = Instant.now().minusSeconds(600).getEpochSecond();
        get("/v1/providers", token(List.of("unideploy"), Map.of("groups", List.of("platform"), "iat", issued), -60))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).containsIgnoringCase("expired"));
        get("/v1/providers", token(List.of("someone-else"), platform, 300))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).contains("aud"));
        String foreign =
                OIDC.issueToken("other-issuer", "alice", "unideploy", platform).serialize();
        get("/v1/providers", foreign)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).contains("issuer"));
        String valid = token(List.of("unideploy"), platform, 300);
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        get("/v1/providers", forged).expectStatus().isUnauthorized();
        get("/v1/providers", token(List.of("unideploy"), Map.of("groups", List.of("nobody")), 300))
                .expectStatus()
                .isForbidden();
    }

    @Test
    @DisplayName(
            "after the issuer rotates its signing key, tokens of the new key are accepted and the old key's are not")
    void keyRotation() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        ROTATING_KEYS.set(new JWKSet(first.toPublicJWK()));
        get("/v1/providers", signed(first)).expectStatus().isOk();
        ROTATING_KEYS.set(new JWKSet(second.toPublicJWK()));
        get("/v1/providers", signed(second)).expectStatus().isOk();
        get("/v1/providers", signed(first)).expectStatus().isUnauthorized();
    }

    private static String signed(RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://rotating.example.com")
                        .subject("rotator")
                        .audience("unideploy")
                        .claim("groups", List.of("platform"))
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    @DisplayName("in Chromium, the dashboard's sign-in link goes to the identity provider and back, signed in")
    void browserSignIn() throws Exception {
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER, "bob", "JWT", List.of("unideploy"), Map.of("groups", List.of("platform")), 300));
        var findings = BrowserScript.run("oidc", "http://127.0.0.1:" + port, DashboardBrowserTest.screenshots());
        assertThat(findings.get("client").asString()).isEqualTo("bob");
    }

    @Test
    @DisplayName("the dashboard signs in by authorization code with PKCE and holds only a session cookie")
    void dashboardSignIn() {
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER, "bob", "JWT", List.of("unideploy"), Map.of("groups", List.of("platform")), 300));
        EntityExchangeResult<byte[]> login = web.get()
                .uri(uri -> uri.path("/v1/session/oidc/login")
                        .queryParam("returnTo", "/#/apps")
                        .build())
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody()
                .returnResult();
        URI authorize = login.getResponseHeaders().getLocation();
        assertThat(authorize.toString())
                .startsWith(OIDC.authorizationEndpointUrl(ISSUER).toString())
                .contains("code_challenge_method=S256", "client_id=unideploy-dashboard");
        var flow = login.getResponseCookies().getFirst("unideploy_oidc");
        assertThat(flow.isHttpOnly()).isTrue();

        // the identity provider signs the user in and redirects back with a code
        URI callback = WebTestClient.bindToServer()
                .build()
                .get()
                .uri(authorize)
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
        assertThat(callback.getPath()).isEqualTo("/v1/session/oidc/callback");

        EntityExchangeResult<byte[]> done = web.get()
                .uri(callback.getRawPath() + "?" + callback.getRawQuery())
                .cookie(flow.getName(), flow.getValue())
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody()
                .returnResult();
        assertThat(done.getResponseHeaders().getLocation()).hasToString("/#/apps");
        var session = done.getResponseCookies().getFirst("unideploy_session");
        assertThat(session.isHttpOnly()).isTrue();
        web.get()
                .uri("/v1/session")
                .cookie(session.getName(), session.getValue())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.client")
                .isEqualTo("bob")
                .jsonPath("$.scopes[0]")
                .isEqualTo("deployments:read");

        // a callback without the flow cookie (another browser) signs nobody in
        web.get()
                .uri(callback.getRawPath() + "?" + callback.getRawQuery())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
