package dev.unideploy.client;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a webhook delivery from the gateway with the Standard Webhooks library: the {@code webhook-signature}
 * header must hold {@code v1,}+base64(HMAC-SHA256(secret, {@code webhook-id.webhook-timestamp.body})), and the
 * timestamp must be within five minutes of now. Pass the raw body, before any JSON parsing.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("UNIDEPLOY_WEBHOOK_SECRET")); // whsec_…
 * verifier.verify(body, request.getHeaders()); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {

    private final Webhook webhook;

    /** @param secret the endpoint's secret, {@code whsec_} and base64 */
    public WebhookVerifier(String secret) {
        try {
            this.webhook = new Webhook(secret);
        } catch (EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("the webhook secret is empty", e);
        }
    }

    /**
     * Throws unless {@code body} was signed with this secret, recently.
     *
     * @param headers the request's headers, names in any case
     */
    public void verify(String body, Map<String, List<String>> headers) throws WebhookVerificationException {
        Map<String, List<String>> lowerCase = new TreeMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values));
        webhook.verify(body, lowerCase);
    }

    @Override
    public String toString() {
        return "WebhookVerifier[secret set]";
    }
}
