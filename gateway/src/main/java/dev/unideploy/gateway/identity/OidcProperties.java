package dev.unideploy.gateway.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trusted OIDC issuers ({@code unideploy.oidc.*}).
 *
 * @param issuers issuer name → how its tokens are checked and mapped; none configured means API keys only
 * @param dashboard the dashboard's sign-in (authorization code with PKCE), when set
 */
@ConfigurationProperties("unideploy.oidc")
public record OidcProperties(
        @DefaultValue Map<String, Issuer> issuers, @Nullable Dashboard dashboard) {

    /**
     * One issuer.
     *
     * @param issuerUri the {@code iss} of its tokens; its keys are found by OIDC discovery under it
     * @param jwkSetUri the JWKS, when discovery is not wanted
     * @param audiences a token must name one of them in {@code aud}
     * @param clockSkew tolerance on {@code exp} and {@code nbf}
     * @param nameClaim the claim that names the client in audit records and {@code triggeredBy}
     * @param rolesClaim the claim (a string or a list of strings, e.g. {@code groups}) whose values select roles
     * @param roles claim value → what it grants; a token that maps to no scope is refused (403)
     */
    public record Issuer(
            URI issuerUri,
            @Nullable URI jwkSetUri,
            @DefaultValue List<String> audiences,
            @DefaultValue("60s") Duration clockSkew,
            @DefaultValue("sub") String nameClaim,
            @DefaultValue("groups") String rolesClaim,
            @DefaultValue Map<String, Role> roles) {}

    /**
     * What one claim value grants.
     *
     * @param scopes deployments:read, deployments:write, admin
     * @param providers the connections it may use; empty means all
     */
    public record Role(
            @DefaultValue List<String> scopes, @DefaultValue List<String> providers) {}

    /**
     * The dashboard's sign-in with an issuer.
     *
     * @param issuer the name of one of {@link #issuers()}
     * @param clientId the dashboard's client id at that issuer
     * @param clientSecret for a confidential client; a public client relies on PKCE alone
     * @param scope the scopes requested
     */
    public record Dashboard(
            String issuer,
            String clientId,
            @Nullable String clientSecret,
            @DefaultValue("openid profile") String scope) {

        @Override
        public String toString() {
            return "Dashboard[issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }
}
