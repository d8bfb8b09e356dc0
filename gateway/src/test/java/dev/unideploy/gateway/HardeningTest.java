package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict input, problem documents for everything — requests the HTTP layer refuses included — authorization on
 * the decoded path, and quiet, masked logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class HardeningTest extends FakeGatewayTest {

    @Test
    @DisplayName("a string or a fraction for an integer, a duplicate member: 400 naming the field, nothing sent")
    void strictJson() {
        for (String body : List.of("{\"replicas\":\"3\"}", "{\"replicas\":3.5}", "{\"replicas\":2,\"replicas\":3}")) {
            client.put()
                    .uri("/v1/apps/fake-a:app-a/scale")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_request")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("replicas");
        }
        client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"fake-a:app-a\",\"source\":{\"branch\":\"a\",\"branch\":\"b\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("source.branch");
        assertThat(a.calls("scale")).isZero();
        assertThat(a.calls("trigger")).isZero();
    }

    private HttpResponse<String> raw(String path, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (!header.isEmpty()) {
            request.header("X-Big", header);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("414, 431 and malformed URIs refused by the HTTP layer answer RFC 9457 problems too")
    void httpLayerRefusalsAreProblems() throws Exception {
        HttpResponse<String> longUri = raw("/v1/" + "a".repeat(20_000), "");
        HttpResponse<String> bigHeaders = raw("/v1/providers", "b".repeat(20_000));
        assertProblem(longUri, 414, "uri_too_long");
        assertProblem(bigHeaders, 431, "headers_too_large");
        for (String line : List.of("GET /v1/%%% HTTP/1.1", "GET /v1/a\u0001b HTTP/1.1")) {
            String answer = rawSocket(line);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
            assertThat(answer).contains("\"code\":\"invalid_request\"");
        }
    }

    /** Requests no HTTP client would send: written on a socket as they are. */
    private String rawSocket(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: gateway\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = JsonMapper.shared().readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asString()).isEqualTo(code);
    }

    @Test
    @DisplayName("anonymous dot segments towards the actuator are 400, with no error logged")
    void actuatorDotSegments(CapturedOutput logs) {
        for (String path : List.of(
                "/actuator/health/../prometheus",
                "/actuator/health/%2e%2e/prometheus",
                "/actuator/health/..%2fprometheus")) {
            client.mutate()
                    .defaultHeaders(headers -> headers.remove("Authorization"))
                    .build()
                    .get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(logs.getAll()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    @Test
    @DisplayName("a read-only key reaches no admin route by any spelling: /%61ctuator/prometheus is 403")
    void encodedAdminRoutes() {
        var reader = client.mutate()
                .defaultHeaders(headers -> headers.set("Authorization", "Bearer " + READER_KEY))
                .build();
        for (String path : List.of("/actuator/prometheus", "/%61ctuator/prometheus", "/%61%63%74uator/prometheus")) {
            reader.get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        // the reader's allowlist is [fake-a]: another connection's provider route is 403 in any spelling
        for (String path : List.of("/v1/providers/fake-b", "/v1/provider%73/fake-%62")) {
            reader.get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Test
    @DisplayName("dropped errors: a cancellation is not an ERROR, others are one masked line without a stack trace")
    void droppedErrorsAreQuietAndMasked(CapturedOutput logs) {
        Operators.onErrorDropped(new CancellationException("client left"), Context.empty());
        Operators.onErrorDropped(new IllegalStateException("provider said provider-secret-fake-a"), Context.empty());
        String output = logs.getAll();
        assertThat(output)
                .doesNotContain(" ERROR ")
                .doesNotContain("client left")
                .doesNotContain("\tat ");
        assertThat(output).contains("provider said [redacted]").doesNotContain("provider-secret-fake-a");
    }
}
