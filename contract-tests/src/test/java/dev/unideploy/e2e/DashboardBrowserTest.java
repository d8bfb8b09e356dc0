package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.provider.ProviderConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in Chromium, as a user in sandbox mode meets it: all five providers, live, with its actions. The
 * simulators step at a human pace (2 s a state), so that a person, or this test, can cancel a running deployment.
 */
@SandboxOnFreePorts
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"unideploy.sandbox.step=2s", "unideploy.events.poll-interval=250ms"})
class DashboardBrowserTest {

    /** The port of a page on another origin, which CORS allows. */
    private static final int OTHER_ORIGIN_PORT = freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void otherOrigin(DynamicPropertyRegistry registry) {
        registry.add("unideploy.browser.cors.allowed-origins", () -> "http://localhost:" + OTHER_ORIGIN_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    ProviderConfiguration.SandboxHolder sandbox;

    @Test
    @DisplayName(
            "opens signed in; shows all five providers; triggers, follows to succeeded with its log; cancels;"
                    + " hides unsupported actions; shows a provider failure as a problem; a page on another origin follows events")
    void dashboard() throws Exception {
        String zectre =
                "http://127.0.0.1:" + sandbox.sandbox().provider("zectre").port();
        JsonNode findings = BrowserScript.run(
                "sandbox", "http://127.0.0.1:" + port, screenshots(), zectre, String.valueOf(OTHER_ORIGIN_PORT));
        assertThat(findings.get("providers").toString()).contains("coolify", "dokploy", "dooor", "mist", "zectre");
        assertThat(findings.get("timeline").toString()).endsWith("\"succeeded\"]");
        assertThat(findings.get("logLines").asInt()).isPositive();
        assertThat(findings.get("crossOrigin").get("end").asString()).isEqualTo("succeeded");
        assertThat(findings.get("problem").asString()).containsPattern("provider_(error|unavailable)");
    }

    static String screenshots() {
        return BrowserScript.SCREENSHOTS.toAbsolutePath().toString();
    }
}
