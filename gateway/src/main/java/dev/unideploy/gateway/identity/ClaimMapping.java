package dev.unideploy.gateway.identity;

import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified token's claims as a gateway client: its name from {@code nameClaim}, and the union of the roles its
 * {@code rolesClaim} values select. A role with no provider list grants every connection.
 */
final class ClaimMapping {

    private final String issuerName;
    private final OidcProperties.Issuer issuer;

    ClaimMapping(String issuerName, OidcProperties.Issuer issuer) {
        this.issuerName = issuerName;
        this.issuer = issuer;
        issuer.roles()
                .forEach((value, role) -> role.scopes()
                        .forEach(scope -> Scope.fromWire(scope)
                                .orElseThrow(() -> new IllegalArgumentException("unideploy.oidc.issuers." + issuerName
                                        + ".roles." + value + ".scopes: unknown scope '" + scope + "'"))));
    }

    ClientPrincipal toPrincipal(Jwt jwt) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Set<String> providers = new HashSet<>();
        boolean allProviders = false;
        for (String value : values(jwt.getClaims().get(issuer.rolesClaim()))) {
            OidcProperties.Role role = issuer.roles().get(value);
            if (role == null) {
                continue;
            }
            role.scopes().forEach(scope -> Scope.fromWire(scope).ifPresent(scopes::add));
            allProviders |= role.providers().isEmpty();
            providers.addAll(role.providers());
        }
        Object name = jwt.getClaims().get(issuer.nameClaim());
        String client = name instanceof String text && !text.isBlank() ? text : jwt.getSubject();
        return new ClientPrincipal(client == null ? issuerName : client, scopes, allProviders ? Set.of() : providers);
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof String text) {
            values.add(text);
        } else if (claim instanceof Collection<?> items) {
            items.forEach(item -> values.add(String.valueOf(item)));
        } else if (claim instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> values.add(String.valueOf(key)));
        }
        return values;
    }

    @Override
    public String toString() {
        return "ClaimMapping[" + issuerName + ", " + issuer.rolesClaim() + " → "
                + issuer.roles().keySet() + "]";
    }
}
