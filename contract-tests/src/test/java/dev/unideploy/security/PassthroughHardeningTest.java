package dev.unideploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The passthrough behaves like every other provider call: bounded, timed, byte for byte, its problems naming the
 * provider, and open only to admin keys allowed the connection.
 */
class PassthroughHardeningTest extends HostileGatewayTest {

    @Test
    @DisplayName("a 100 KB answer passes whole")
    void bigAnswer() {
        byte[] body = as(ADMIN_KEY)
                .get()
                .uri("/v1/providers/good/passthrough/big")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        assertThat(body).hasSize(100 * 1024 + 4);
    }

    @Test
    @DisplayName("an answer announcing more than the limit is 502 'response too large' before any of it is read")
    void announcedTooLarge() {
        as(ADMIN_KEY)
                .get()
                .uri("/v1/providers/good/passthrough/announced")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("provider_error")
                .jsonPath("$.provider")
                .isEqualTo("good")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("response too large"));
    }

    @Test
    @DisplayName("binary and deflated answers arrive byte for byte, their Content-Encoding kept")
    void byteExact() throws Exception {
        byte[] binary = as(ADMIN_KEY)
                .get()
                .uri("/v1/providers/good/passthrough/binary")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        assertThat(binary).isEqualTo(HostileProvider.binary());
        // the JDK client: Reactor Netty's would ask for compression and inflate the body itself
        HttpResponse<byte[]> deflated = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/v1/providers/good/passthrough/deflated"))
                                .header("Authorization", "Bearer " + ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(deflated.statusCode()).isEqualTo(200);
        assertThat(deflated.headers().firstValue("Content-Encoding")).contains("deflate");
        assertThat(deflated.body()).isEqualTo(HostileProvider.deflated("{\"compressed\":true}"));
    }

    @Test
    @DisplayName("a request body over the connection's limit is 413 naming the provider, and is not sent")
    void requestBodyLimit() {
        long before = provider.received("good");
        as(ADMIN_KEY)
                .post()
                .uri("/v1/providers/good/passthrough/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("\"" + "x".repeat(8 * 1024) + "\"")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload_too_large")
                .jsonPath("$.provider")
                .isEqualTo("good");
        assertThat(provider.received("good")).isEqualTo(before);
    }

    @Test
    @DisplayName("the passthrough needs admin, and the admin key's allowlist: another connection is 403, unsent")
    void scopeAndAllowlist() {
        long before = provider.received("echo");
        as(READER_KEY)
                .get()
                .uri("/v1/providers/echo/passthrough/anything")
                .exchange()
                .expectStatus()
                .isForbidden();
        as(ADMIN_GOOD_KEY)
                .get()
                .uri("/v1/providers/echo/passthrough/anything")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        as(WRITER_GOOD_KEY)
                .post()
                .uri("/v1/providers/echo/passthrough/anything")
                .exchange()
                .expectStatus()
                .isForbidden();
        as(ADMIN_GOOD_KEY)
                .get()
                .uri("/v1/providers/good/passthrough/applications")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(provider.received("echo")).isEqualTo(before);
    }
}
