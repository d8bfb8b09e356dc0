package dev.unideploy.adapter.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.FakeWebSocketServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The live stream ends when Mist's socket does, before a terminal status too: it never hangs. */
class MistEventsTest {

    @RegisterExtension
    static WireMockExtension mist = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /**
     * The JDK client sometimes misses a connection dropped while it is still starting up; then the idle limit ends
     * the stream — the same way, as the deployment is still running.
     */
    private static final Duration DROP_NOTICED = Duration.ofSeconds(5);

    private ProviderConnection connection;

    @BeforeEach
    void setUp() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(
                        okJson("{\"success\":true,\"data\":{}}").withHeader("Set-Cookie", "mist_token=jwt-1; Path=/")));
        listed("building");
        connection = ProviderConnection.of(
                "mist", "mist", URI.create(mist.baseUrl() + "/api"), Map.of("email", "e", "password", "p"));
    }

    private static void listed(String status) {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, status) + "]"))));
    }

    private MistAdapter adapter(URI streamBase, Duration idle) {
        return new MistAdapter(connection, new MistClient(connection, "e", "p", streamBase.resolve("/api")), idle);
    }

    private static String log(String line) {
        return "{\"type\":\"log\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"line\":\""
                + line.replace("\n", "\\n") + "\",\"stream\":\"stdout\",\"timestamp\":\"2026-11-22T10:00:00Z\"}}";
    }

    @Test
    void aSocketDroppedWhileTheDeploymentRunsEndsTheStreamWithAnError() throws Exception {
        try (DroppingWebSocketServer server =
                new DroppingWebSocketServer(List.of(log("Step 1/6 : FROM node:22-alpine\n"), log("\n")))) {
            StepVerifier.create(adapter(server.httpBase(), DROP_NOTICED).events("1.42"))
                    .assertNext(first -> assertThat(((DeploymentEvent.StatusChanged) first)
                                    .deployment()
                                    .status())
                            .isEqualTo(Status.IN_PROGRESS))
                    .assertNext(line -> assertThat(((DeploymentEvent.Log) line).line())
                            .isEqualTo(new LogLine(
                                    java.time.Instant.parse("2026-11-22T10:00:00Z"),
                                    "stdout",
                                    "Step 1/6 : FROM node:22-alpine")))
                    .assertNext(blank -> assertThat(
                                    ((DeploymentEvent.Log) blank).line().message())
                            .isEmpty())
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(ProviderException.Unavailable.class)
                            .hasMessageContaining("ended before the deployment finished"))
                    .verify(Duration.ofSeconds(30));
        }
    }

    @Test
    void aSocketDroppedAfterTheDeploymentFinishedEndsWithTheListedStatus() throws Exception {
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("finish")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, "building") + "]")))
                .willSetStateTo("finished"));
        mist.stubFor(post("/api/deployments/getByAppId")
                .inScenario("finish")
                .whenScenarioStateIs("finished")
                .willReturn(okJson(MistAdapterTest.envelope("[" + MistAdapterTest.dep(42, "failed") + "]"))));
        try (DroppingWebSocketServer server = new DroppingWebSocketServer(List.of(log("Step 1\n")))) {
            List<DeploymentEvent> events = adapter(server.httpBase(), DROP_NOTICED)
                    .events("1.42")
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(events).hasSize(3);
            assertThat(((DeploymentEvent.StatusChanged) events.get(2))
                            .deployment()
                            .status())
                    .isEqualTo(Status.FAILED);
        }
    }

    @Test
    void aSocketThatGoesSilentWithoutEvenPingsEndsTheStream() throws Exception {
        // A half-open connection: no frame, no ping, no FIN.
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of(log("Step 1\n")), false)) {
            StepVerifier.create(
                            adapter(server.httpBase(), Duration.ofMillis(400)).events("1.42"))
                    .expectNextCount(2)
                    .expectErrorSatisfies(
                            error -> assertThat(error.getCause()).isInstanceOf(ProviderException.Timeout.class))
                    .verify(Duration.ofSeconds(30));
        }
    }
}
