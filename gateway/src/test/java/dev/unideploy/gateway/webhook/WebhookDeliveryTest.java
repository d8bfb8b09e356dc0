package dev.unideploy.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.testing.DirectDeploys;
import dev.unideploy.gateway.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class WebhookDeliveryTest extends SandboxWebhooksTest {

    private static final List<String> TYPES = List.of("coolify", "dokploy", "zectre", "dooor", "mist");

    @Test
    @DisplayName("on every provider, deployments made through the gateway and directly on the provider both reach "
            + "a subscription as signed started and final events")
    void everyProviderEveryDeployment() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = (String) subscribe(receiver, Map.of()).get("secret");
            assertThat(secret).startsWith("whsec_");
            Map<String, String> throughGateway = new HashMap<>();
            Map<String, Set<String>> before = new HashMap<>();
            for (String type : TYPES) {
                String app = type + ":" + WEB_APPS.get(type);
                before.put(type, listed(app));
                throughGateway.put(type, (String) trigger("sandbox", app).get("id"));
                DirectDeploys.start(registry.get(type).adapter().connection(), WEB_APPS.get(type));
            }
            Map<String, String> direct = new HashMap<>();
            await().atMost(WAIT).untilAsserted(() -> {
                for (String type : TYPES) {
                    Set<String> added = new HashSet<>(listed(type + ":" + WEB_APPS.get(type)));
                    added.removeAll(before.get(type));
                    added.remove(throughGateway.get(type));
                    assertThat(added)
                            .as("deployments started on the %s simulator", type)
                            .hasSize(1);
                    direct.put(type, added.iterator().next());
                }
            });

            await().atMost(WAIT).untilAsserted(() -> {
                for (String type : TYPES) {
                    for (String id : List.of(throughGateway.get(type), direct.get(type))) {
                        assertThat(receiver.about(id))
                                .as("events of %s", id)
                                .extracting(WebhookReceiver.Received::type)
                                .contains("deployment.started", "deployment.succeeded");
                    }
                }
            });

            for (WebhookReceiver.Received event : receiver.accepted()) {
                assertThat(event.verifiedWith(secret))
                        .as("signature of %s", event.body())
                        .isTrue();
                assertThat(event.header("webhook-id"))
                        .isEqualTo(event.json().path("id").asString());
                assertThat(event.header("content-type")).startsWith("application/json");
            }
            WebhookReceiver.Received first =
                    receiver.about(throughGateway.get("coolify")).get(0);
            assertThat(first.header("webhook-signature")).isEqualTo(signedByHand(secret, first));
            for (String type : TYPES) {
                assertThat(receiver.about(throughGateway.get(type)))
                        .allSatisfy(event -> assertThat(event.json()
                                        .path("data")
                                        .path("triggeredBy")
                                        .asString())
                                .isEqualTo("sandbox"));
                assertThat(receiver.about(direct.get(type)))
                        .allSatisfy(
                                event -> assertThat(event.json().path("data").has("triggeredBy"))
                                        .isFalse());
                // each event of a deployment once: receivers see no duplicates when every attempt succeeds
                List<String> ids = receiver.about(throughGateway.get(type)).stream()
                        .map(event -> event.header("webhook-id"))
                        .toList();
                assertThat(ids).doesNotHaveDuplicates();
            }
            // the subscription defined in configuration got them too, signed with its own secret
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(CONFIGURED.about(direct.get("mist")))
                            .extracting(WebhookReceiver.Received::type)
                            .contains("deployment.succeeded"));
            assertThat(CONFIGURED.accepted()).allMatch(event -> event.verifiedWith(CONFIGURED_SECRET));
        }
    }

    @Test
    @DisplayName("a receiver that fails for a while receives every event afterwards; the log shows the attempts")
    @SuppressWarnings("unchecked")
    void receiverDownForAWhile() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            AtomicInteger failures = new AtomicInteger();
            receiver.answer(request -> failures.incrementAndGet() <= 6 ? 503 : 204);
            Map<String, Object> subscription =
                    subscribe(receiver, Map.of("appIds", List.of("zectre:zec-web", "dooor:door-broken")));
            String ok = (String) trigger("sandbox", "zectre:zec-web").get("id");
            String broken = (String) trigger("sandbox", "dooor:door-broken").get("id");

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(receiver.about(ok))
                        .extracting(WebhookReceiver.Received::type)
                        .contains("deployment.started", "deployment.succeeded");
                assertThat(receiver.about(broken))
                        .extracting(WebhookReceiver.Received::type)
                        .contains("deployment.started", "deployment.failed");
            });
            assertThat(receiver.received()).filteredOn(r -> r.answered() == 503).hasSize(6);
            assertThat(receiver.accepted()).allMatch(event -> event.verifiedWith((String) subscription.get("secret")));

            Map<String, Object> log = client("sandbox")
                    .get()
                    .uri("/v1/webhooks/{id}/deliveries?limit=100", subscription.get("id"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            List<Map<String, Object>> items = (List<Map<String, Object>>) log.get("items");
            assertThat(items).extracting(item -> item.get("status")).containsOnly("succeeded");
            assertThat(items)
                    .filteredOn(item -> (Integer) item.get("attempts") > 1)
                    .isNotEmpty()
                    .allSatisfy(item -> assertThat((List<Map<String, Object>>) item.get("attemptLog"))
                            .extracting(attempt -> attempt.get("error"))
                            .contains("HTTP 503"));
        }
    }

    @Test
    @DisplayName("410 Gone stops the delivery at once and disables the subscription; enabling it again works")
    @SuppressWarnings("unchecked")
    void goneDisables() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(request -> 410);
            String id = (String) subscribe(receiver, Map.of("appIds", List.of("coolify:cool-broken")))
                    .get("id");
            trigger("sandbox", "coolify:cool-broken");

            await().atMost(WAIT)
                    .untilAsserted(() -> client("sandbox")
                            .get()
                            .uri("/v1/webhooks/{id}", id)
                            .exchange()
                            .expectBody()
                            .jsonPath("$.enabled")
                            .isEqualTo(false)
                            .jsonPath("$.disabledReason")
                            .value(reason -> assertThat((String) reason).contains("410")));
            int seen = receiver.received().size();
            trigger("sandbox", "coolify:cool-broken");
            // nothing may arrive: a negative is shown by watching for a while
            await().during(java.time.Duration.ofSeconds(3))
                    .atMost(java.time.Duration.ofSeconds(6))
                    .until(() -> receiver.received().size() == seen);

            client("sandbox")
                    .patch()
                    .uri("/v1/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("enabled", true))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.enabled")
                    .isEqualTo(true)
                    .jsonPath("$.secret")
                    .doesNotExist();
        }
    }

    /** {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed by the secret's decoded base64 part. */
    private static String signedByHand(String secret, WebhookReceiver.Received event) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = event.header("webhook-id") + "." + event.header("webhook-timestamp") + "." + event.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
