package dev.unideploy.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FeedAndAuditTest extends SandboxWebhooksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    private Flux<ServerSentEvent<String>> feed(String key, String lastEventId) {
        WebClient.RequestHeadersSpec<?> request = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/v1/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Authorization", "Bearer " + key);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.retrieve().bodyToFlux(SSE).filter(event -> event.event() != null);
    }

    private static String deploymentOf(ServerSentEvent<String> event) {
        return JSON.readTree(event.data()).path("data").path("id").asString();
    }

    @Test
    @DisplayName("/v1/events shows live the same events the webhooks carry, and resumes after a Last-Event-ID")
    void feedCarriesTheWebhookEvents() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(receiver, Map.of("providers", List.of("dooor")));
            List<ServerSentEvent<String>> live = new CopyOnWriteArrayList<>();
            Disposable listening = feed("sandbox", null).subscribe(live::add);
            try {
                String id = (String) trigger("sandbox", "dooor:door-web").get("id");
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(live)
                                .filteredOn(event -> deploymentOf(event).equals(id))
                                .extracting(ServerSentEvent::event)
                                .contains("deployment.started", "deployment.succeeded"));
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(receiver.about(id))
                                .extracting(WebhookReceiver.Received::type)
                                .contains("deployment.succeeded"));

                List<ServerSentEvent<String>> mine = live.stream()
                        .filter(event -> deploymentOf(event).equals(id))
                        .toList();
                // the same payloads: the SSE data is the webhook body, event for event
                for (ServerSentEvent<String> event : mine) {
                    JsonNode sent = JSON.readTree(event.data());
                    assertThat(receiver.about(id))
                            .filteredOn(hook -> hook.header("webhook-id")
                                    .equals(sent.path("id").asString()))
                            .singleElement()
                            .satisfies(hook -> assertThat(hook.json()).isEqualTo(sent));
                }

                ServerSentEvent<String> started = mine.stream()
                        .filter(event -> "deployment.started".equals(event.event()))
                        .findFirst()
                        .orElseThrow();
                List<ServerSentEvent<String>> resumed = feed("sandbox", started.id())
                        .filter(event -> deploymentOf(event).equals(id))
                        .take(1)
                        .collectList()
                        .block(Duration.ofSeconds(20));
                assertThat(resumed).extracting(ServerSentEvent::event).containsExactly("deployment.succeeded");
            } finally {
                listening.dispose();
            }
        }
    }

    @Test
    @DisplayName("a client allowed only some connections sees only their events on /v1/events")
    void feedRespectsTheAllowlist() {
        List<ServerSentEvent<String>> coolifyOnly = new CopyOnWriteArrayList<>();
        Disposable listening = feed(COOLIFY_HOOKS_KEY, null).subscribe(coolifyOnly::add);
        try {
            String cool = (String) trigger("sandbox", "coolify:cool-web").get("id");
            String zec = (String) trigger("sandbox", "zectre:zec-web").get("id");
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(coolifyOnly)
                            .extracting(FeedAndAuditTest::deploymentOf)
                            .contains(cool));
            assertThat(coolifyOnly).extracting(FeedAndAuditTest::deploymentOf).doesNotContain(zec);
            assertThat(coolifyOnly).allMatch(event -> deploymentOf(event).startsWith("coolify:"));
        } finally {
            listening.dispose();
        }
    }

    @Test
    @DisplayName("/v1/audit names the client of every trigger, cancel and rollback; only admins read it")
    @SuppressWarnings("unchecked")
    void auditNamesTheClient() {
        String cancelled = (String) trigger(OPS_KEY, "coolify:cool-web").get("id");
        client(OPS_KEY)
                .post()
                .uri("/v1/deployments/{id}/cancel", cancelled)
                .exchange()
                .expectStatus()
                .isOk();
        String done = (String) trigger(OPS_KEY, "dooor:door-web").get("id");
        client(OPS_KEY)
                .get()
                .uri("/v1/deployments/{id}?waitFor=terminal&timeoutSeconds=60", done)
                .exchange()
                .expectStatus()
                .isOk();
        Map<String, Object> rollback = client(OPS_KEY)
                .post()
                .uri("/v1/deployments/{id}/rollback", done)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        client(OPS_KEY).get().uri("/v1/audit").exchange().expectStatus().isForbidden();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> page = client("sandbox")
                    .get()
                    .uri("/v1/audit?client=ops&limit=200")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).allMatch(item -> "ops".equals(item.get("client")));
            assertThat(items)
                    .extracting(
                            item -> item.get("operation") + " " + item.get("deploymentId") + " " + item.get("status"))
                    .contains(
                            "deployments.trigger " + cancelled + " 202",
                            "deployments.cancel " + cancelled + " 200",
                            "deployments.trigger " + done + " 202",
                            "deployments.rollback " + rollback.get("id") + " 202");
            assertThat(items)
                    .filteredOn(item -> "deployments.trigger".equals(item.get("operation")))
                    .extracting(item -> item.get("target"))
                    .contains("coolify:cool-web", "dooor:door-web");
        });
        // the deployments made through the gateway say who made them
        client("sandbox")
                .get()
                .uri("/v1/deployments/{id}", rollback.get("id"))
                .exchange()
                .expectBody()
                .jsonPath("$.triggeredBy")
                .isEqualTo("ops");
    }
}
