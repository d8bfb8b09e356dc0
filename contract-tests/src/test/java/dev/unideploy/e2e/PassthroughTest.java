package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The admin passthrough: the provider's own API, its credentials injected, nothing escapes its base path. */
class PassthroughTest extends SandboxGatewayTest {

    WebTestClient admin;

    @BeforeEach
    void client() {
        admin = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer sandbox")
                .build();
    }

    private List<LoggedRequest> received(String provider, String path) {
        return sandbox.sandbox().provider(provider).server().findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    @DisplayName("Coolify's own API answers through the passthrough with the connection's bearer token injected")
    void coolify() {
        admin.get()
                .uri("/v1/providers/coolify/passthrough/applications")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].uuid")
                .exists();
        assertThat(received("coolify", "/api/v1/applications"))
                .isNotEmpty()
                .allSatisfy(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sandbox"));
    }

    @Test
    @DisplayName("Dokploy gets its x-api-key and no client Authorization header")
    void dokploy() {
        admin.get()
                .uri("/v1/providers/dokploy/passthrough/project.all")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(received("dokploy", "/api/project.all")).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeader("x-api-key")).isEqualTo("sandbox");
            assertThat(request.containsHeader("Authorization")).isFalse();
        });
    }

    @Test
    @DisplayName("Mist's session cookie is injected but never handed back to the client")
    void mist() {
        admin.get()
                .uri("/v1/providers/mist/passthrough/projects/getAll")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Set-Cookie");
        assertThat(received("mist", "/api/projects/getAll"))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("Cookie")).contains("mist_token="));
    }

    @Test
    @DisplayName("paths that would climb out of the provider's base path answer 400 and reach nothing")
    void noEscape() {
        int before = sandbox.sandbox()
                .provider("coolify")
                .server()
                .getAllServeEvents()
                .size();
        for (String path : List.of(
                "/v1/providers/coolify/passthrough/..%2f..%2f__admin/requests",
                "/v1/providers/coolify/passthrough/%2e%2e/%2e%2e/__admin/requests",
                "/v1/providers/coolify/passthrough/a/../../../__admin")) {
            admin.get()
                    .uri(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_request");
        }
        assertThat(sandbox.sandbox().provider("coolify").server().getAllServeEvents())
                .hasSize(before);
    }
}
