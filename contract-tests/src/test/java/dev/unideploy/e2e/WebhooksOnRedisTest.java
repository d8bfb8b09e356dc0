package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.gateway.testing.WebhookReceiver;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Webhooks, the feed and the audit trail with several instances on one real Redis: subscriptions, the delivery queue,
 * feed positions and audit records are shared, each event is delivered once, and an instance that stops in the
 * middle of a delivery leaves it to another.
 */
class WebhooksOnRedisTest {

    private static final String KEY = "webhooks-on-redis-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    private static final List<AutoCloseable> resources = new ArrayList<>();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        // states last two seconds: a watcher on a busy machine still reads every one
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (sandbox != null) sandbox.close();
    }

    private static LocalRedis redis() throws Exception {
        LocalRedis redis = LocalRedis.start();
        resources.add(redis);
        return redis;
    }

    private static ConfigurableApplicationContext instance(LocalRedis redis) {
        ConfigurableApplicationContext instance = RedisGateways.start(
                redis,
                sandbox,
                "--unideploy.clients.ci.key-sha256=" + ApiKeys.sha256(KEY),
                "--unideploy.clients.ci.scopes=admin",
                "--unideploy.feed.interval=250ms",
                "--unideploy.feed.apps-refresh=2s",
                "--unideploy.resilience.coalesce-window=50ms",
                "--unideploy.webhooks.allow-private-networks=true",
                "--unideploy.webhooks.poll=100ms",
                "--unideploy.webhooks.initial-backoff=200ms",
                "--unideploy.webhooks.max-backoff=1s",
                "--unideploy.webhooks.timeout=2s",
                "--unideploy.webhooks.lease=3s");
        resources.add(instance::close);
        return instance;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subscribe(WebTestClient client, WebhookReceiver receiver, List<String> apps) {
        return client.post()
                .uri("/v1/webhooks")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url(), "appIds", apps))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static String trigger(WebTestClient client, String app) {
        return (String) RedisGateways.trigger(client, app, UUID.randomUUID().toString())
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("two instances deliver each event once, show it on either's /v1/events, and share the audit trail")
    void twoInstancesDeliverOnce() throws Exception {
        LocalRedis redis = redis();
        ConfigurableApplicationContext first = instance(redis);
        ConfigurableApplicationContext second = instance(redis);
        WebTestClient one = RedisGateways.client(first, KEY);
        WebTestClient two = RedisGateways.client(second, KEY);
        WebhookReceiver receiver = WebhookReceiver.start();
        resources.add(receiver);
        List<String> apps = List.of("coolify:cool-web", "zectre:zec-web", "dooor:door-broken");
        String secret = (String) subscribe(one, receiver, apps).get("secret");

        List<ServerSentEvent<String>> feed = new CopyOnWriteArrayList<>();
        Disposable listening = WebClient.create(
                        "http://127.0.0.1:" + second.getEnvironment().getRequiredProperty("local.server.port"))
                .get()
                .uri("/v1/events")
                .header("Authorization", "Bearer " + KEY)
                .retrieve()
                .bodyToFlux(SSE)
                .filter(event -> event.event() != null)
                .subscribe(feed::add);
        try {
            List<String> made = List.of(
                    trigger(one, "coolify:cool-web"),
                    trigger(two, "zectre:zec-web"),
                    trigger(one, "dooor:door-broken"));
            await().atMost(WAIT).untilAsserted(() -> {
                for (String id : made) {
                    assertThat(receiver.about(id))
                            .extracting(WebhookReceiver.Received::type)
                            .contains("deployment.started")
                            .containsAnyOf("deployment.succeeded", "deployment.failed");
                }
            });
            // no event arrives twice, also a while after all have arrived
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> receiver.received().stream()
                                    .map(r -> r.header("webhook-id"))
                                    .distinct()
                                    .count()
                            == receiver.received().size());
            assertThat(receiver.received()).allMatch(r -> r.answered() == 200 && r.verifiedWith(secret));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(feed)
                            .extracting(event -> event.data())
                            .containsAll(receiver.received().stream()
                                    .map(WebhookReceiver.Received::body)
                                    .toList()));
            assertThat(feed).extracting(ServerSentEvent::id).doesNotHaveDuplicates();

            // made through the first instance, named by the second
            two.get()
                    .uri("/v1/deployments/{id}", made.get(0))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.triggeredBy")
                    .isEqualTo("ci");
            two.get()
                    .uri("/v1/audit?client=ci&limit=200")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.items[?(@.operation == 'deployments.trigger')].deploymentId")
                    .value(found -> assertThat((List<String>) found).containsAll(made));
        } finally {
            listening.dispose();
        }
    }

    @Test
    @DisplayName("an instance stopped in the middle of a delivery leaves it to another, which delivers it")
    void instanceStoppedMidDelivery() throws Exception {
        LocalRedis redis = redis();
        ConfigurableApplicationContext doomed = instance(redis);
        WebhookReceiver receiver = WebhookReceiver.start();
        resources.add(receiver);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        receiver.answer(request -> {
            if (first.getAndSet(false)) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // the sender is gone by then
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return 599; // recorded as never answered
            }
            return 200;
        });
        WebTestClient client = RedisGateways.client(doomed, KEY);
        subscribe(client, receiver, List.of("mist:1"));
        String id = trigger(client, "mist:1");

        assertThat(held.await(60, TimeUnit.SECONDS))
                .as("a first delivery arrived")
                .isTrue();
        doomed.close();
        release.countDown();

        ConfigurableApplicationContext survivor = instance(redis);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(receiver.about(id))
                        .extracting(WebhookReceiver.Received::type)
                        .contains("deployment.started", "deployment.succeeded"));
        // the survivor sent the held event again, under the same webhook-id
        String heldId = receiver.received().stream()
                .filter(request -> request.answered() == 599)
                .findFirst()
                .orElseThrow()
                .header("webhook-id");
        assertThat(receiver.accepted())
                .extracting(request -> request.header("webhook-id"))
                .contains(heldId);
        assertThat(survivor.isActive()).isTrue();
    }
}
