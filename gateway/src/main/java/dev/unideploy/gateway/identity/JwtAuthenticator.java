package dev.unideploy.gateway.identity;

import com.nimbusds.jwt.JWTParser;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.security.ClientPrincipal;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies bearer JWTs of the configured issuers with Spring Security's decoder: signature by the issuer's JWKS
 * (found by OIDC discovery, fetched lazily and again when a token names an unknown key, so key rotation works),
 * issuer, audience, expiry and not-before within the clock skew. The token's {@code iss} only selects which issuer's
 * rules apply; it is verified like every other claim.
 */
public final class JwtAuthenticator {

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private record Trusted(ReactiveJwtDecoder decoder, ClaimMapping mapping) {}

    private final Map<String, Trusted> byIssuerUri = new LinkedHashMap<>();

    public JwtAuthenticator(OidcProperties properties) {
        properties.issuers().forEach((name, issuer) -> {
            String uri = issuer.issuerUri().toString();
            NimbusReactiveJwtDecoder decoder = issuer.jwkSetUri() != null
                    ? NimbusReactiveJwtDecoder.withJwkSetUri(issuer.jwkSetUri().toString())
                            .build()
                    : NimbusReactiveJwtDecoder.withIssuerLocation(uri).build();
            decoder.setJwtValidator(validator(uri, issuer));
            byIssuerUri.put(uri, new Trusted(decoder, new ClaimMapping(name, issuer)));
        });
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuerUri, OidcProperties.Issuer issuer) {
        List<String> audiences = issuer.audiences();
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(issuer.clockSkew()),
                new JwtIssuerValidator(issuerUri),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD,
                        aud -> audiences.isEmpty()
                                || (aud != null && aud.stream().anyMatch(audiences::contains))));
    }

    public boolean enabled() {
        return !byIssuerUri.isEmpty();
    }

    /** Whether a bearer token has a JWT's shape (API keys do not have two dots). */
    public static boolean looksLikeJwt(String token) {
        return JWT.matcher(token).matches();
    }

    /** The client a valid token names; 401 with the reason for an invalid one, 403 when it grants no scope. */
    public Mono<ClientPrincipal> authenticate(String token) {
        Trusted trusted;
        try {
            trusted = byIssuerUri.get(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException malformed) {
            return Mono.error(unauthorized("The bearer token is not a well-formed JWT."));
        }
        if (trusted == null) {
            return Mono.error(unauthorized("The token's issuer is not trusted by this gateway."));
        }
        return trusted.decoder()
                .decode(token)
                .onErrorMap(JwtException.class, JwtAuthenticator::reason)
                .map(jwt -> {
                    ClientPrincipal principal = trusted.mapping().toPrincipal(jwt);
                    if (principal.scopes().isEmpty()) {
                        throw ApiException.of(
                                ProblemCode.FORBIDDEN, "The token grants no scope of this gateway (no mapped role).");
                    }
                    return principal;
                });
    }

    /** Spring's and Nimbus's reasons name the failed check (expiry, audience, signature), never the token. */
    private static ApiException reason(JwtException error) {
        String reason = error.getMessage();
        if (error instanceof JwtValidationException invalid
                && !invalid.getErrors().isEmpty()) {
            reason = invalid.getErrors().iterator().next().getDescription();
        }
        return unauthorized("The token was refused: " + (reason == null ? "invalid" : reason.strip()) + ".");
    }

    private static ApiException unauthorized(String detail) {
        return ApiException.of(ProblemCode.UNAUTHORIZED, detail);
    }

    @Override
    public String toString() {
        return "JwtAuthenticator" + byIssuerUri.keySet();
    }
}
