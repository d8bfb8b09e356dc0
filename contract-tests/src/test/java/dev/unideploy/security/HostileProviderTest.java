package dev.unideploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * No provider behaviour can exhaust the gateway or affect another provider: an endless body, a 300 MB body and a
 * slow drip each fail that one call — 502 {@code provider_error} "response too large", or 504 — naming the
 * provider, through the normalised API and the passthrough alike, while the other providers and the health endpoint
 * keep answering.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileProviderTest extends HostileGatewayTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    record Answer(String uri, int status, Map<String, Object> body) {}

    private Mono<Answer> call(String uri) {
        return WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + ADMIN_KEY)
                .build()
                .get()
                .uri(uri)
                .exchangeToMono(response -> response.bodyToMono(JSON)
                        .defaultIfEmpty(Map.of())
                        .map(body -> new Answer(uri, response.statusCode().value(), body)));
    }

    @Test
    @DisplayName("an endless body is 502 'response too large' for that provider, and the gateway stops reading it")
    void endless() {
        for (String uri : List.of("/v1/deployments/endless:d1", "/v1/providers/endless/passthrough/applications")) {
            Answer answer = call(uri).block(Duration.ofSeconds(60));
            assertThat(answer.status()).as(uri).isEqualTo(502);
            assertThat(answer.body()).containsEntry("code", "provider_error").containsEntry("provider", "endless");
            assertThat((String) answer.body().get("detail")).contains("response too large");
        }
        long stopped = provider.sent("endless");
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> provider.sent("endless") - stopped < 16L * 1024 * 1024);
    }

    @Test
    @DisplayName("a 300 MB body is refused after the 16 MB limit: the provider never gets to send most of it")
    void huge() {
        long before = provider.sent("huge");
        Answer adapter = call("/v1/deployments/huge:d1").block(Duration.ofSeconds(60));
        Answer passthrough =
                call("/v1/providers/huge/passthrough/deployments/d1").block(Duration.ofSeconds(60));
        for (Answer answer : List.of(adapter, passthrough)) {
            assertThat(answer.status()).as(answer.uri()).isEqualTo(502);
            assertThat(answer.body()).containsEntry("code", "provider_error").containsEntry("provider", "huge");
            assertThat((String) answer.body().get("detail")).contains("response too large");
        }
        assertThat(provider.sent("huge") - before)
                .as("bytes the provider could push for two calls")
                .isLessThan(2 * HostileProvider.HUGE / 3);
    }

    @Test
    @DisplayName("a provider that drips its answer is 504 after the read time limit, the passthrough too")
    void drip() {
        for (String uri : List.of("/v1/deployments/drip:d1", "/v1/providers/drip/passthrough/applications")) {
            long started = System.nanoTime();
            Answer answer = call(uri).block(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.status()).as(uri).isEqualTo(504);
            assertThat(answer.body()).containsEntry("code", "provider_timeout").containsEntry("provider", "drip");
            assertThat(took).as(uri).isLessThan(Duration.ofSeconds(30)); // the drip alone would take 60 s
        }
    }

    @Test
    @DisplayName("while every hostile provider is being called, the good provider and /actuator/health answer")
    void othersKeepAnswering(CapturedOutput logs) {
        List<Mono<Answer>> hostile = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hostile.add(call("/v1/deployments/endless:e" + i));
            hostile.add(call("/v1/providers/huge/passthrough/x" + i));
            hostile.add(call("/v1/deployments/drip:d" + i));
        }
        var inFlight = Flux.merge(hostile).collectList().toFuture();

        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            as(ADMIN_KEY)
                    .get()
                    .uri("/v1/deployments/good:d" + i)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("succeeded");
            anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
            as(ADMIN_KEY)
                    .get()
                    .uri("/v1/providers/good/passthrough/applications")
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
        List<Answer> answers = inFlight.join();
        assertThat(answers).hasSize(6).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.uri()).isIn(502, 503, 504);
            assertThat(answer.body().get("provider")).isIn("endless", "huge", "drip");
        });
        // cancelled provider calls and abandoned reads are the normal end of a bounded call: no ERROR for them
        assertThat(logs.getAll()).doesNotContain(" ERROR ").doesNotContain("onErrorDropped");
    }

    @Test
    @DisplayName("clients hanging up on a slow health check or a slow provider leave no ERROR in the log")
    void hangUpsAreQuiet(CapturedOutput logs) {
        connections.clearCaches();
        for (String uri : List.of("/actuator/health", "/v1/deployments/drip:gone", "/v1/providers")) {
            WebClient.create("http://127.0.0.1:" + port)
                    .get()
                    .uri(uri)
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .retrieve()
                    .toBodilessEntity()
                    .timeout(Duration.ofMillis(300)) // the client gives up and closes the connection
                    .onErrorResume(gaveUp -> Mono.empty())
                    .block();
        }
        // the abandoned calls run into their own limits meanwhile
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .until(() -> true);
        anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
        assertThat(logs.getAll()).doesNotContain(" ERROR ").doesNotContain("onErrorDropped");
    }

    @Test
    @DisplayName("a provider that cannot be reached is described in words: no internal class name in the problem")
    void noClassNames() {
        Answer answer = call("/v1/deployments/drip:d9").block(Duration.ofSeconds(60));
        Answer huge = call("/v1/deployments/huge:d9").block(Duration.ofSeconds(60));
        for (Answer each : List.of(answer, huge)) {
            assertThat((String) each.body().get("detail")).doesNotContainPattern("[A-Z][A-Za-z]+(Exception|Error)\\b");
        }
    }
}
