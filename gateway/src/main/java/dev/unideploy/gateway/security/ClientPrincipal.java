package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * An authenticated gateway client.
 *
 * @param providers the connection ids it may use; empty means all
 */
public record ClientPrincipal(String name, Set<Scope> scopes, Set<String> providers) {

    static final String ATTRIBUTE = ClientPrincipal.class.getName();

    public ClientPrincipal {
        scopes = Set.copyOf(scopes);
        providers = Set.copyOf(providers);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    public boolean mayUse(String connectionId) {
        return providers.isEmpty() || providers.contains(connectionId);
    }

    /** 403 {@code forbidden} unless this client may use the connection. */
    public void checkProvider(String connectionId) {
        if (!mayUse(connectionId)) {
            throw ApiException.of(
                    ProblemCode.FORBIDDEN, "This API key may not use the provider connection '" + connectionId + "'.");
        }
    }

    /** Marks the exchange as made by {@code principal} (a browser session, stream ticket or verified JWT). */
    public static void attach(ServerWebExchange exchange, ClientPrincipal principal) {
        exchange.getAttributes().put(ATTRIBUTE, principal);
    }

    /** The principal already established for this exchange, if any. */
    public static Optional<ClientPrincipal> current(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** The principal the authentication filter put on the exchange. */
    public static ClientPrincipal of(ServerWebExchange exchange) {
        ClientPrincipal principal = exchange.getAttribute(ATTRIBUTE);
        if (principal == null) {
            throw ApiException.of(ProblemCode.UNAUTHORIZED, "A bearer API key is required.");
        }
        return principal;
    }
}
