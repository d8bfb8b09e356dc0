package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** W3C traceparent reaches the providers: the caller's trace continued, with the gateway's own span id. */
class TraceparentTest extends SandboxGatewayTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER = "00-" + TRACE + "-00f067aa0ba902b7-01";

    @Test
    @DisplayName("a caller's traceparent is continued on the provider call, the gateway's span its parent")
    void propagates() {
        var coolify = sandbox.sandbox().provider("coolify").server();
        coolify.resetRequests();
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .post()
                .uri("/v1/deployments")
                .header("Authorization", "Bearer sandbox")
                .header("traceparent", CALLER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "coolify:cool-web"))
                .exchange()
                .expectStatus()
                .isAccepted();
        List<LoggedRequest> deploys = coolify.findAll(postRequestedFor(urlPathEqualTo("/api/v1/deploy")));
        assertThat(deploys).hasSize(1);
        String sent = deploys.get(0).getHeader("traceparent");
        assertThat(sent).matches("00-" + TRACE + "-[0-9a-f]{16}-01").isNotEqualTo(CALLER);
    }

    @Test
    @DisplayName("without one, the gateway starts a trace of its own")
    void starts() {
        var coolify = sandbox.sandbox().provider("coolify").server();
        coolify.resetRequests();
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .post()
                .uri("/v1/deployments")
                .header("Authorization", "Bearer sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "coolify:cool-web", "force", true))
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(coolify.findAll(postRequestedFor(urlPathEqualTo("/api/v1/deploy"))))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }
}
