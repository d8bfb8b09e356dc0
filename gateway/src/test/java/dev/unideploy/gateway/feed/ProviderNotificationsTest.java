package dev.unideploy.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Coolify's custom webhook notification as the fast path: with Coolify's apps read only every ten minutes, a
 * deployment's final event still arrives at once when Coolify notifies the gateway — which then reads the app from
 * Coolify's API rather than believing the notification.
 */
@SpringBootTest(classes = UnideployApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderNotificationsTest {

    private static final String SECRET = "coolify-notification-secret";
    private static final WebhookReceiver RECEIVER = WebhookReceiver.startQuietly();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        for (String type : List.of("coolify", "dokploy", "zectre", "dooor", "mist")) {
            registry.add("unideploy.sandbox.ports." + type, () -> "0");
        }
        registry.add("unideploy.sandbox.step", () -> "300ms");
        registry.add("unideploy.resilience.coalesce-window", () -> "50ms");
        registry.add("unideploy.feed.interval", () -> "10m");
        registry.add("unideploy.feed.notifications.coolify.secret-sha256", () -> ApiKeys.sha256(SECRET));
        registry.add("unideploy.webhooks.allow-private-networks", () -> "true");
        registry.add("unideploy.webhooks.poll", () -> "100ms");
        registry.add("unideploy.webhooks.subscriptions.coolify.url", RECEIVER::url);
        registry.add("unideploy.webhooks.subscriptions.coolify.app-ids", () -> "coolify:cool-web");
        registry.add(
                "unideploy.webhooks.subscriptions.coolify.secret",
                () -> "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]));
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private WebTestClient.ResponseSpec notify(String provider, String query, Map<String, Object> body) {
        return client().post()
                .uri("/v1/providers/" + provider + "/notifications" + query)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    @DisplayName("a notification makes the gateway read the app at once; the event follows within seconds")
    @SuppressWarnings("unchecked")
    void notificationIsTheFastPath() {
        String id = (String) client().post()
                .uri("/v1/deployments")
                .header("Authorization", "Bearer sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "coolify:cool-web"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        client().get()
                .uri("/v1/deployments/{id}?waitFor=terminal&timeoutSeconds=60", id)
                .header("Authorization", "Bearer sandbox")
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("succeeded");
        assertThat(RECEIVER.about(id))
                .extracting(WebhookReceiver.Received::type)
                .doesNotContain("deployment.succeeded");

        // Coolify's payload (DeploymentSuccess::toWebhook); its claims are not taken on trust, only as "look now"
        Map<String, Object> payload = Map.of(
                "success", true,
                "message", "New version successfully deployed",
                "event", "deployment_success",
                "application_name", "web",
                "application_uuid", "cool-web",
                "deployment_uuid", id.substring("coolify:".length()));
        notify("coolify", "?secret=wrong", payload).expectStatus().isUnauthorized();
        notify("coolify", "", payload).expectStatus().isUnauthorized();
        notify("zectre", "?secret=" + SECRET, payload).expectStatus().isNotFound();
        notify("nowhere", "?secret=" + SECRET, payload).expectStatus().isNotFound();
        assertThat(RECEIVER.about(id))
                .extracting(WebhookReceiver.Received::type)
                .doesNotContain("deployment.succeeded");

        notify("coolify", "?secret=" + SECRET, payload).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(RECEIVER.about(id))
                        .extracting(WebhookReceiver.Received::type)
                        .contains("deployment.succeeded"));
    }
}
