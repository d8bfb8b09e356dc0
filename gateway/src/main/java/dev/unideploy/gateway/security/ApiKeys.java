package dev.unideploy.gateway.security;

import dev.unideploy.gateway.config.UnideployProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured client keys, looked up by the SHA-256 of the presented key (keys themselves are never stored). */
public final class ApiKeys {

    private final Map<String, ClientPrincipal> byHash;

    ApiKeys(Map<String, ClientPrincipal> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    public static ApiKeys from(UnideployProperties properties) {
        Map<String, ClientPrincipal> byHash = new HashMap<>();
        properties.clients().forEach((name, client) -> {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String scope : client.scopes()) {
                scopes.add(Scope.fromWire(scope)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unideploy.clients." + name + ".scopes: unknown scope '" + scope + "'")));
            }
            String hash = client.keySha256().trim().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("unideploy.clients." + name + ".key-sha256 must be 64 hex digits");
            }
            byHash.put(hash, new ClientPrincipal(name, scopes, new HashSet<>(client.providers())));
        });
        if (properties.sandboxMode()) {
            byHash.put(
                    sha256(properties.sandbox().token()),
                    new ClientPrincipal("sandbox", EnumSet.allOf(Scope.class), Set.of()));
        }
        return new ApiKeys(byHash);
    }

    public Optional<ClientPrincipal> authenticate(String presentedKey) {
        return Optional.ofNullable(byHash.get(sha256(presentedKey)));
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** Hex SHA-256, as configured in {@code key-sha256} (e.g. {@code printf %s KEY | sha256sum}). */
    public static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
