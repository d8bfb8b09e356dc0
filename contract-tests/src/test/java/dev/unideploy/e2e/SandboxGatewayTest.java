package dev.unideploy.e2e;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.provider.ProviderConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway in sandbox mode with fast simulators on free ports; one Spring context for every end-to-end test. */
@SandboxOnFreePorts
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "unideploy.sandbox.step=400ms",
            "unideploy.events.poll-interval=100ms",
            "unideploy.browser.cors.allowed-origins=https://backstage.example.com"
        })
abstract class SandboxGatewayTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ProviderConfiguration.SandboxHolder sandbox;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A raw call of the gateway with the sandbox client's key: status, headers and body exactly as sent. */
    protected HttpResponse<String> send(String method, String path, @Nullable String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer sandbox")
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
