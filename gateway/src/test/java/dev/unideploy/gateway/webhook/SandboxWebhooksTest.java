package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in sandbox mode (the five simulators) with fast watchers and retries, a webhook receiver defined in
 * configuration, and client keys of several scopes: one Spring context for the webhook, feed and audit tests.
 */
@SpringBootTest(
        classes = dev.unideploy.gateway.UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SandboxWebhooksTest {

    static final String OPS_KEY = "ops-key-0123456789";
    static final String READER_KEY = "reader-key-0123456789";
    static final String COOLIFY_HOOKS_KEY = "coolify-hooks-key-0123456789";
    static final String CONFIGURED_SECRET = "whsec_"
            + java.util.Base64.getEncoder()
                    .encodeToString(
                            "a configured subscription's key!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final Duration WAIT = Duration.ofSeconds(90);

    /** The receiver of the subscription {@code everything}, defined in configuration. */
    static final WebhookReceiver CONFIGURED = start();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        for (String type : List.of("coolify", "dokploy", "zectre", "dooor", "mist")) {
            registry.add("unideploy.sandbox.ports." + type, () -> "0");
        }
        Map<String, String> settings = Map.ofEntries(
                Map.entry("unideploy.sandbox.step", "2s"),
                Map.entry("unideploy.events.poll-interval", "200ms"),
                Map.entry("unideploy.resilience.coalesce-window", "50ms"),
                Map.entry("unideploy.feed.interval", "250ms"),
                Map.entry("unideploy.feed.apps-refresh", "2s"),
                Map.entry("unideploy.webhooks.allow-private-networks", "true"),
                Map.entry("unideploy.webhooks.initial-backoff", "200ms"),
                Map.entry("unideploy.webhooks.max-backoff", "1s"),
                Map.entry("unideploy.webhooks.poll", "100ms"),
                Map.entry("unideploy.webhooks.timeout", "3s"),
                Map.entry("unideploy.webhooks.lease", "5s"),
                Map.entry("unideploy.webhooks.subscriptions.everything.url", CONFIGURED.url()),
                Map.entry("unideploy.webhooks.subscriptions.everything.secret", CONFIGURED_SECRET),
                Map.entry("unideploy.clients.ops.key-sha256", ApiKeys.sha256(OPS_KEY)),
                Map.entry("unideploy.clients.ops.scopes", "deployments:read,deployments:write"),
                Map.entry("unideploy.clients.reader.key-sha256", ApiKeys.sha256(READER_KEY)),
                Map.entry("unideploy.clients.reader.scopes", "deployments:read"),
                Map.entry("unideploy.clients.coolify-hooks.key-sha256", ApiKeys.sha256(COOLIFY_HOOKS_KEY)),
                Map.entry("unideploy.clients.coolify-hooks.scopes", "webhooks:manage,deployments:read"),
                Map.entry("unideploy.clients.coolify-hooks.providers", "coolify"));
        settings.forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    protected int port;

    /** The sandbox's connections: their base URLs and settings reach the simulators directly. */
    @Autowired
    protected ProviderRegistry registry;

    /** Per provider type, the seeded app whose deployments succeed. */
    static final Map<String, String> WEB_APPS =
            Map.of("coolify", "cool-web", "dokploy", "dok-web", "zectre", "zec-web", "dooor", "door-web", "mist", "1");

    WebTestClient client(String key) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key)
                .build();
    }

    /** Subscribes {@code receiver} with the sandbox key; answers the subscription (with its secret). */
    @SuppressWarnings("unchecked")
    Map<String, Object> subscribe(WebhookReceiver receiver, Map<String, Object> filters) {
        Map<String, Object> body = new java.util.HashMap<>(filters);
        body.put("url", receiver.url());
        return client("sandbox")
                .post()
                .uri("/v1/webhooks")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> trigger(String key, String appId) {
        return client(key)
                .post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", appId))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** The ids of the app's deployments the gateway lists now. */
    @SuppressWarnings("unchecked")
    Set<String> listed(String appId) {
        Map<String, Object> page = client("sandbox")
                .get()
                .uri("/v1/deployments?appId={app}&limit=50", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> (String) item.get("id")).collect(java.util.stream.Collectors.toSet());
    }

    private static WebhookReceiver start() {
        try {
            return WebhookReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
