package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.spi.Lifecycle;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The gateway governs: coalesced reads, circuit breaking per provider, recovery, metrics and health. */
class GovernanceTest extends FakeGatewayTest {

    @Test
    @DisplayName("100 clients polling one in-progress deployment ten times each cost the provider at most 50 calls")
    void coalescesPolling() {
        a.add("app-a", "hot", Lifecycle.inProgress("in_progress", null), Instant.now());
        Long ok = Flux.range(0, 100)
                .flatMap(
                        client -> Flux.range(0, 10)
                                .concatMap(poll -> Flux.defer(() -> Flux.just(this.client
                                                .get()
                                                .uri("/v1/deployments/fake-a:hot")
                                                .exchange()
                                                .expectStatus()
                                                .isOk()
                                                .returnResult(Map.class)))
                                        .subscribeOn(Schedulers.boundedElastic())),
                        100)
                .count()
                .block(Duration.ofSeconds(60));
        assertThat(ok).isEqualTo(1000);
        assertThat(a.calls("get")).isPositive().isLessThanOrEqualTo(50);
    }

    @Test
    @DisplayName("many clients listing the same app share provider list calls; the gateway's own trigger shows at once")
    void coalescesLists() {
        a.add("app-a", "l1", Lifecycle.succeeded("finished"), Instant.now());
        Long ok = Flux.range(0, 200)
                .flatMap(
                        i -> Flux.defer(() -> Flux.just(this.client
                                        .get()
                                        .uri("/v1/deployments?appId=fake-a:app-a")
                                        .exchange()
                                        .expectStatus()
                                        .isOk()
                                        .returnResult(Map.class)))
                                .subscribeOn(Schedulers.boundedElastic()),
                        50)
                .count()
                .block(Duration.ofSeconds(60));
        assertThat(ok).isEqualTo(200);
        assertThat(a.calls("list")).isPositive().isLessThanOrEqualTo(20);

        String id = (String) client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "fake-a:app-a"))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        client.get()
                .uri("/v1/deployments?appId=fake-a:app-a")
                .exchange()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .exists();
    }

    @Test
    @DisplayName("a failing provider opens its circuit: thirty triggers answer 5xx naming it, those the open circuit "
            + "refuses never reach it, while another provider keeps answering; it recovers by itself")
    void circuitBreaksPerProvider() {
        CircuitBreaker circuit = breakers.registry().getAllCircuitBreakers().stream()
                .filter(breaker -> breaker.getName().equals("fake-b"))
                .findFirst()
                .orElseThrow();
        b.failing = true;
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int before = b.calls("trigger");
            EntityExchangeResult<Map> result =
                    trigger("fake-b:app-a").expectBody(Map.class).returnResult();
            assertThat(result.getStatus().is5xxServerError())
                    .as("trigger %d", i)
                    .isTrue();
            assertThat(result.getResponseBody()).containsEntry("provider", "fake-b");
            // triggers are never retried and nothing else triggers on fake-b: a count that did not move is a call
            // the circuit answered without asking the provider
            if (b.calls("trigger") == before) {
                refused++;
                assertThat(result.getResponseBody()).as("trigger %d", i).containsEntry("code", "provider_unavailable");
                assertThat(result.getResponseHeaders().getFirst("Retry-After"))
                        .as("trigger %d", i)
                        .isNotNull();
            }
        }
        // counts, not latency: the open circuit refused calls, and each one the provider never saw
        assertThat(refused).as("triggers the open circuit answered itself").isPositive();
        assertThat(b.calls("trigger"))
                .as("calls that reached the failing provider")
                .isEqualTo(30 - refused);
        // open, or half-open when a slow machine took longer than the open-for (1 s) to send the thirty: the trial
        // calls failed too, and it is not closed
        assertThat(circuit.getState()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        trigger("fake-a:app-a").expectStatus().isAccepted();

        b.failing = false;
        // after the configured open-for (1 s) a trial call goes through
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> trigger("fake-b:app-a").expectStatus().isAccepted());
    }

    private WebTestClient.ResponseSpec trigger(String appId) {
        return client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", appId))
                .exchange();
    }

    @Test
    @DisplayName("Prometheus output carries per-provider latency series and circuit state; admin only")
    void prometheus() {
        a.add("app-a", "m1", Lifecycle.succeeded("finished"), Instant.now());
        client.get().uri("/v1/deployments/fake-a:m1").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();
        String metrics = client.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("unideploy_provider_requests_seconds_bucket")
                .containsPattern("unideploy_provider_requests_seconds_count\\{[^}]*provider=\"fake-a\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"fake-b\"")
                .doesNotContain("provider-secret");
    }

    @Test
    @DisplayName("health has a component per provider; an unreachable one degrades the gateway, never a secret shown")
    void health() {
        String health = webClient()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(health).contains("\"fake-a\"").contains("\"fake-b\"").doesNotContain("provider-secret");
        assertThat(List.of(health)).isNotEmpty();
    }

    private WebTestClient webClient() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }
}
