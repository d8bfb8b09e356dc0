package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.gateway.provider.ProviderConnections;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Provider trouble as the simulators' WireMock admin injects it: errors that tell the truth, a circuit that counts
 * only transport trouble, event streams that report trouble and still end, and no provider call made twice.
 */
class ProviderTroubleTest extends SandboxGatewayTest {

    /** Every Coolify read of one deployment ({@code GET /deployments/{uuid}}). */
    static final String DEPLOYMENT_READS = "/api/v1/deployments/[^/]+";

    @Autowired
    ProviderConnections connections;

    private WireMockServer coolify() {
        return sandbox.sandbox().provider("coolify").server();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer sandbox")
                .build();
    }

    @AfterEach
    void removeFaults() {
        coolify().getStubMappings().stream()
                .filter(stub -> stub.getPriority() != null && stub.getPriority() == 1)
                .toList()
                .forEach(coolify()::removeStub);
        connections.clearCaches();
    }

    private StubMapping fault(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        return coolify()
                .stubFor(get(urlPathMatching(DEPLOYMENT_READS)).atPriority(1).willReturn(answer));
    }

    private String trigger() {
        return (String) client().post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "coolify:cool-web", "force", true))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    @Test
    @DisplayName("twelve reads of unknown deployments answer 404 and leave the circuit closed")
    void notFoundNeverOpensTheCircuit() {
        for (int i = 0; i < 12; i++) {
            client().get()
                    .uri("/v1/deployments/coolify:no-such-deployment-" + i)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("not_found");
        }
        assertThat(connections.circuitBreaker("coolify").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    @DisplayName("a provider's own 500 is 502 provider_error with its reason; a reset connection is 503")
    void errorsTellTheTruth() {
        coolify().resetRequests();
        fault(aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Server Error: disk full\"}"));
        client().get()
                .uri("/v1/deployments/coolify:some-deployment")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("provider_error")
                .jsonPath("$.upstreamStatus")
                .isEqualTo(500)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("disk full"));
        assertThat(coolify()
                        .countRequestsMatching(getRequestedFor(urlPathMatching(DEPLOYMENT_READS))
                                .build())
                        .getCount())
                .as("a provider's answer is not retried")
                .isEqualTo(1);

        removeFaults();
        fault(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        client().get()
                .uri("/v1/deployments/coolify:other-deployment")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("provider_unavailable");
    }

    @Test
    @DisplayName("an event stream reports a failing provider as `error` events, keeps trying, and ends with `end`")
    void streamsReportTrouble() {
        String id = trigger();
        AtomicReference<StubMapping> injected = new AtomicReference<>();
        List<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/v1/deployments/" + id + "/events")
                .header("Authorization", "Bearer sandbox")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .doOnNext(event -> {
                    if ("status".equals(event.event()) && injected.get() == null) {
                        injected.set(fault(aResponse().withStatus(500).withBody("{\"message\":\"Server Error\"}")));
                    } else if ("error".equals(event.event())) {
                        coolify().removeStub(injected.get());
                    }
                })
                .takeUntil(event -> "end".equals(event.event()))
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(events).extracting(ServerSentEvent::event).contains("error").endsWith("end");
        ServerSentEvent<String> error = events.stream()
                .filter(event -> "error".equals(event.event()))
                .findFirst()
                .orElseThrow();
        assertThat(error.data()).contains("\"code\":\"provider_error\"").contains("\"provider\":\"coolify\"");
        assertThat(events.get(events.size() - 1).data())
                .contains("\"status\":\"succeeded\"")
                .contains("\"finishedAt\"")
                .contains("\"durationSeconds\"");
    }

    @Test
    @DisplayName("a cancel makes the adapter's calls only: Coolify's cancel and one read, nothing before them")
    void cancelReadsNothingTwice() {
        String id = trigger();
        coolify().resetRequests();
        client().post()
                .uri("/v1/deployments/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(coolify()
                        .countRequestsMatching(anyRequestedFor(anyUrl()).build())
                        .getCount())
                .isEqualTo(2);
        assertThat(coolify()
                        .countRequestsMatching(postRequestedFor(urlPathMatching("/api/v1/deployments/[^/]+/cancel"))
                                .build())
                        .getCount())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a list's provider calls carry the caller's traceparent, as every other call does")
    void listsCarryTraceparent() {
        connections.clearCaches();
        coolify().resetRequests();
        client().get()
                .uri("/v1/deployments?appId=coolify:cool-web&limit=3")
                .header("traceparent", TraceparentTest.CALLER)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(coolify().findAll(getRequestedFor(urlPathEqualTo("/api/v1/deployments/applications/cool-web"))))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("traceparent"))
                        .matches("00-" + TraceparentTest.TRACE + "-[0-9a-f]{16}-01"));
    }
}
