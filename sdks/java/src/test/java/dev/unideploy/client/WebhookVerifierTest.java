package dev.unideploy.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A delivery signed as the gateway signs (Standard Webhooks v1) verifies; anything altered does not. */
class WebhookVerifierTest {

    private static final byte[] KEY = "unideploy-test-secret-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String BODY = "{\"type\":\"deployment.succeeded\",\"data\":{\"id\":\"coolify:abc\"}}";

    private final WebhookVerifier verifier = new WebhookVerifier(SECRET);

    @Test
    @DisplayName("v1,base64(HMAC-SHA256(id.timestamp.body)) with a fresh timestamp verifies, header names in any case")
    void verifies() throws Exception {
        String now = Long.toString(System.currentTimeMillis() / 1000);
        Map<String, List<String>> headers = Map.of(
                "Webhook-Id", List.of("msg_1"),
                "Webhook-Timestamp", List.of(now),
                "Webhook-Signature", List.of("v1,bogus v1," + sign("msg_1." + now + "." + BODY)));

        assertThatCode(() -> verifier.verify(BODY, headers)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a changed body, a wrong secret or an old timestamp is refused")
    void refuses() throws Exception {
        String now = Long.toString(System.currentTimeMillis() / 1000);
        String old = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        String signature = "v1," + sign("msg_1." + now + "." + BODY);
        Map<String, List<String>> headers = Map.of(
                "webhook-id",
                List.of("msg_1"),
                "webhook-timestamp",
                List.of(now),
                "webhook-signature",
                List.of(signature));

        assertThatThrownBy(() -> verifier.verify(BODY.replace("succeeded", "failed"), headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(
                        () -> new WebhookVerifier("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                                .verify(BODY, headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(
                        BODY,
                        Map.of(
                                "webhook-id", List.of("msg_1"),
                                "webhook-timestamp", List.of(old),
                                "webhook-signature", List.of("v1," + sign("msg_1." + old + "." + BODY)))))
                .isInstanceOf(WebhookVerificationException.class);
    }

    private static String sign(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
