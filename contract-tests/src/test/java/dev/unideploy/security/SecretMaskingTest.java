package dev.unideploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A provider that echoes the credential it was sent — {@code Echo"Secret\Token-42}, with the characters JSON
 * escapes — in response headers, {@code Location}, error messages, commit messages, log lines, {@code raw}, event
 * streams and compressed passthrough bodies: no form of it (as is, JSON-escaped, URL-encoded, Base64) reaches a
 * response header, body, event or log line; the masked text does.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretMaskingTest extends HostileGatewayTest {

    static List<String> forms(String secret) {
        return List.of(
                secret,
                HostileProvider.json(secret),
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("%22", "%22".toLowerCase()),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private String fetch(String path, String accept) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + ADMIN_KEY)
                                .header("Accept", accept)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1)); // any byte, as is
        return path + " -> " + response.statusCode() + "\n" + response.headers().map() + "\n" + response.body();
    }

    @Test
    @DisplayName("no form of an echoed credential reaches any header, body, event or log line")
    void echoedCredentialNeverLeaves(CapturedOutput logs) throws Exception {
        List<String> answers = new ArrayList<>();
        answers.add(fetch("/v1/apps?provider=echo", "application/json"));
        answers.add(fetch("/v1/providers/echo", "application/json"));
        answers.add(fetch("/v1/deployments/echo:d1?include=raw", "application/json"));
        answers.add(fetch("/v1/deployments/echo:d1/logs", "application/json"));
        answers.add(fetch("/v1/deployments/echo:d1/events", "text/event-stream"));
        answers.add(fetch("/v1/deployments?appId=echo:app1", "application/json"));
        answers.add(fetch("/v1/providers/echo/passthrough/anything", "*/*"));
        answers.add(fetch("/v1/providers/echo/passthrough/applications", "*/*"));
        answers.add(fetch("/v1/providers/echo/passthrough/gzip", "*/*"));
        String all = String.join("\n\n", answers);

        assertThat(all).contains("[redacted]"); // the provider's text did arrive, masked
        assertThat(all).contains("event:end").contains("event:log");
        assertThat(all).contains("your token is [redacted]"); // the compressed body, checked and masked
        for (String form : forms(ECHO_TOKEN)) {
            assertThat(all).as("responses").doesNotContain(form);
            assertThat(logs.getAll()).as("log output").doesNotContain(form);
        }
        assertThat(all).doesNotContain(GOOD_TOKEN).doesNotContain(ADMIN_KEY);
    }

    @Test
    @DisplayName("the passthrough masks a provider's response headers, Location included")
    void passthroughHeaders() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/v1/providers/echo/passthrough/anything"))
                                .header("Authorization", "Bearer " + ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(response.headers() + " " + response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("X-Echo-Token")).contains("[redacted]");
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("?token=[redacted]"));
        assertThat(response.body()).contains("\"token\":\"[redacted]\"").contains("\"base64\":\"[redacted]\"");
    }
}
