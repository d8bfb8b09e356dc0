package dev.unideploy.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Mist's cookie login: {@code /auth/login} issues a JWT-shaped token in the {@code mist_token} cookie. */
final class MistSessions {

    static final String COOKIE = "mist_token";

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    /** Whether the call may pass: the login route always, any other only with a token that login issued. */
    boolean admits(Call call) {
        if (call.path().equals("/auth/login")) {
            return true;
        }
        String token = call.cookie(COOKIE);
        return token != null && tokens.contains(token);
    }

    Reply login(Call call) {
        if (!MistSimulator.EMAIL.equals(call.field("email")) || !"sandbox".equals(call.field("password"))) {
            return MistErrors.of(401, "Invalid email or password", "invalid credentials");
        }
        String token = jwt();
        tokens.add(token);
        Map<String, @Nullable Object> user =
                Json.obj("id", 1, "username", "sandbox", "email", MistSimulator.EMAIL, "role", "owner");
        return MistErrors.ok(user, "Login successful")
                .withHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=2678400; HttpOnly; SameSite=Lax");
    }

    /** A JWT-shaped token (HS256 header, claims, random signature), as Mist's login issues. */
    private static String jwt() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"userId\":1,\"email\":\"" + MistSimulator.EMAIL + "\",\"role\":\"owner\",\"iat\":" + now
                + ",\"exp\":" + (now + 2678400) + "}";
        return header + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(Json.randomHex(32).getBytes(StandardCharsets.UTF_8));
    }
}
