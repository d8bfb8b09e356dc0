package dev.unideploy.adapter.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.FakeWebSocketServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket stream against a fake server speaking Mist's frames. */
class MistStreamTest {

    @RegisterExtension
    static WireMockExtension mist = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ProviderConnection connection;

    static String log(String line) {
        return "{\"type\":\"log\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"line\":\"" + line
                + "\",\"stream\":\"stdout\",\"timestamp\":\"2026-11-22T10:00:00Z\"}}";
    }

    static String status(String status, int progress) {
        return "{\"type\":\"status\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"deployment_id\":42,\"status\":\""
                + status + "\",\"stage\":\"" + status + "\",\"progress\":" + progress + ",\"message\":\"m\"}}";
    }

    @BeforeEach
    void setUp() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(
                        okJson("{\"success\":true,\"data\":{}}").withHeader("Set-Cookie", "mist_token=jwt-1; Path=/")));
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, "building") + "]"))));
        connection = ProviderConnection.of(
                "mist", "mist", URI.create(mist.baseUrl() + "/api"), Map.of("email", "e", "password", "p"));
    }

    private MistAdapter adapter(FakeWebSocketServer server) {
        return new MistAdapter(
                connection,
                new MistClient(connection, "e", "p", server.httpBase().resolve("/api")));
    }

    @Test
    void framesBecomeEventsAndWeCloseTheSocketAfterStopped() throws Exception {
        // Mist does not close its socket after `stopped`: the adapter must.
        try (FakeWebSocketServer server = new FakeWebSocketServer(
                List.of(log("Cloning"), status("deploying", 80), log("Starting"), status("stopped", 80), log("late")),
                false)) {
            List<DeploymentEvent> events =
                    adapter(server).events("1.42").collectList().block(Duration.ofSeconds(10));

            assertThat(events).hasSize(5);
            assertThat(((DeploymentEvent.StatusChanged) events.get(0))
                            .deployment()
                            .lifecycle()
                            .phase())
                    .isEqualTo(Phase.BUILD);
            assertThat(((DeploymentEvent.Log) events.get(1)).line().message()).isEqualTo("Cloning");
            assertThat(((DeploymentEvent.StatusChanged) events.get(2))
                            .deployment()
                            .lifecycle()
                            .phase())
                    .isEqualTo(Phase.DEPLOY);
            assertThat(((DeploymentEvent.Log) events.get(3)).line().stream()).isEqualTo("stdout");
            assertThat(((DeploymentEvent.StatusChanged) events.get(4))
                            .deployment()
                            .status())
                    .isEqualTo(Status.CANCELLED);
            assertThat(server.requestLine).contains("/api/deployments/logs/stream?id=42");
            assertThat(server.clientClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSocketClosedBeforeATerminalFrameEndsWithTheListedStatus() throws Exception {
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("finish")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, "building") + "]")))
                .willSetStateTo("finished"));
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("finish")
                .whenScenarioStateIs("finished")
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, "success") + "]"))));
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of(log("Step 1")), true)) {
            List<DeploymentEvent> events =
                    adapter(server).events("1.42").collectList().block(Duration.ofSeconds(10));

            assertThat(events).hasSize(3);
            assertThat(((DeploymentEvent.StatusChanged) events.get(2))
                            .deployment()
                            .status())
                    .isEqualTo(Status.SUCCEEDED);
        }
    }

    @Test
    void logsOfARunningDeploymentComeFromTheStreamIncomplete() throws Exception {
        try (FakeWebSocketServer server =
                new FakeWebSocketServer(List.of(status("building", 50), log("one"), log("two")), false)) {
            Logs logs = adapter(server).logs("1.42", null).block(Duration.ofSeconds(10));

            assertThat(logs.items()).extracting(LogLine::message).containsExactly("one", "two");
            assertThat(logs.complete()).isFalse();
            assertThat(server.clientClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
