package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Self-contained, HMAC-SHA256-signed grants: the dashboard's session cookie and stream tickets. A grant names the
 * client, its scopes and provider allowlist, what it is for ({@code session}, or the one event stream a ticket
 * opens) and when it expires; any instance holding the key verifies it without shared state.
 */
final class SignedTokens {

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token carries; {@code use} is {@code session} or {@code stream:<path>}. */
    record Grant(String sub, List<String> scopes, List<String> providers, String use, long exp) {

        ClientPrincipal principal() {
            Set<Scope> granted = EnumSet.noneOf(Scope.class);
            scopes.forEach(scope -> Scope.fromWire(scope).ifPresent(granted::add));
            return new ClientPrincipal(sub, granted, Set.copyOf(providers));
        }
    }

    private final SecretKeySpec key;
    private final JsonMapper json;
    private final Clock clock;

    SignedTokens(byte[] key, JsonMapper json, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("unideploy.browser.session.key must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.json = json;
        this.clock = clock;
    }

    /** From the configured base64 key, or a fresh random one for this instance. */
    static SignedTokens of(BrowserProperties.Session session, JsonMapper json) {
        byte[] key;
        if (session.key() == null || session.key().isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            try {
                key = Base64.getDecoder().decode(session.key().trim());
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("unideploy.browser.session.key must be base64");
            }
        }
        return new SignedTokens(key, json, Clock.systemUTC());
    }

    String issue(ClientPrincipal principal, String use, Duration ttl) {
        Grant grant = new Grant(
                principal.name(),
                principal.scopes().stream().map(Scope::wire).sorted().toList(),
                principal.providers().stream().sorted().toList(),
                use,
                clock.instant().plus(ttl).getEpochSecond());
        String payload = ENCODER.encodeToString(json.writeValueAsBytes(grant));
        return VERSION + "." + payload + "." + ENCODER.encodeToString(sign(VERSION + "." + payload));
    }

    /** The grant of a well-signed, unexpired token for {@code use}; empty for anything else. */
    Optional<Grant> verify(String token, String use) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        byte[] presented;
        Grant grant;
        try {
            presented = DECODER.decode(parts[2]);
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, presented)) {
                return Optional.empty();
            }
            grant = json.readValue(DECODER.decode(parts[1]), Grant.class);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        boolean fresh = grant.exp() > clock.instant().getEpochSecond();
        return fresh && use.equals(grant.use()) ? Optional.of(grant) : Optional.empty();
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "SignedTokens[" + VERSION + "]";
    }
}
