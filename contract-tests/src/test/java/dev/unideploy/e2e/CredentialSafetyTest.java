package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.security.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No credential ever reaches a response, a problem document, actuator output or a log line — not even when a
 * provider echoes the credential it refused in its own error message. Proven by searching for the secrets.
 */
@SpringBootTest(classes = UnideployApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CredentialSafetyTest {

    static final String COOLIFY_TOKEN = "coolify-TOKEN-s3cr3t-1234";
    static final String MIST_PASSWORD = "mist-PASSWORD-s3cr3t-5678";
    static final String CLIENT_KEY = "client-KEY-s3cr3t-9012";

    static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        provider.start();
        // a provider that echoes the credential it refuses, in its own error shapes
        provider.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"token " + COOLIFY_TOKEN + " is not valid\"}")));
        provider.stubFor(post("/mist/api/auth/login")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"data\":null,\"message\":\"bad password " + MIST_PASSWORD
                                + "\",\"error\":\"" + MIST_PASSWORD + "\"}")));
        provider.stubFor(get("/coolify/api/v1/deployments/d1")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Unauthenticated: " + COOLIFY_TOKEN + "\"}")));
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("unideploy.providers.prod.type", () -> "coolify");
        registry.add("unideploy.providers.prod.base-url", () -> provider.baseUrl() + "/coolify/api/v1");
        registry.add("unideploy.providers.prod.token", () -> COOLIFY_TOKEN);
        registry.add("unideploy.providers.mist.type", () -> "mist");
        registry.add("unideploy.providers.mist.base-url", () -> provider.baseUrl() + "/mist/api");
        registry.add("unideploy.providers.mist.email", () -> "svc@example.com");
        registry.add("unideploy.providers.mist.password", () -> MIST_PASSWORD);
        registry.add("unideploy.clients.ops.key-sha256", () -> ApiKeys.sha256(CLIENT_KEY));
        registry.add("unideploy.clients.ops.scopes", () -> "admin");
        registry.add("unideploy.resilience.read-retries", () -> "0");
    }

    @LocalServerPort
    int port;

    @Test
    @DisplayName("responses, problems, actuator output and logs never carry a provider or client credential")
    void noSecretAnywhere(CapturedOutput logs) {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + CLIENT_KEY)
                .build();
        List<String> bodies = new ArrayList<>();
        for (String uri : List.of(
                "/v1/providers",
                "/v1/providers/prod",
                "/v1/apps",
                "/v1/deployments/prod:d1",
                "/v1/deployments/prod:d2?include=raw",
                "/v1/deployments/mist:1.2",
                "/v1/deployments?appId=prod:a&appId=mist:1",
                "/v1/providers/prod/passthrough/deployments",
                "/actuator/health",
                "/actuator/prometheus")) {
            byte[] body =
                    client.get().uri(uri).exchange().expectBody().returnResult().getResponseBodyContent();
            bodies.add(uri + " -> " + (body == null ? "" : new String(body)));
        }
        String all = String.join("\n", bodies);
        // the provider's own messages did reach the client, with the credential masked
        assertThat(all).contains("[redacted]");
        for (String secret : List.of(COOLIFY_TOKEN, MIST_PASSWORD, CLIENT_KEY)) {
            assertThat(all).as("responses").doesNotContain(secret);
            assertThat(logs.getAll()).as("log output").doesNotContain(secret);
        }
    }
}
