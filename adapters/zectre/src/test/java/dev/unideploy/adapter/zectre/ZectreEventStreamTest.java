package dev.unideploy.adapter.zectre;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.unideploy.adapter.zectre.ZectreFixtures.ID;
import static dev.unideploy.adapter.zectre.ZectreFixtures.TOKEN;
import static dev.unideploy.adapter.zectre.ZectreFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Zectre's native SSE log stream as deployment events. */
class ZectreEventStreamTest {

    private static final String STREAM = "/api/v1/deployments/" + ID + "/logs/stream";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ZectreAdapter adapter;

    @BeforeEach
    void setUp() {
        ProviderConnection connection = ProviderConnection.of(
                "zectre-test", "zectre", URI.create(wm.baseUrl() + "/api/v1"), Map.of("token", TOKEN));
        adapter = new ZectreAdapter(connection, new ZectreClient(connection, TOKEN), Duration.ofMillis(200));
    }

    @Test
    void logLinesThenTheFinalStatusWhenTheStreamEnds() {
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("rollout")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(deployment(ID, "running", 1, 2)))
                .willSetStateTo("done"));
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("rollout")
                .whenScenarioStateIs("done")
                .willReturn(okJson(deployment(ID, "running", 2, 2))));
        wm.stubFor(get(STREAM)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(": heartbeat\n\n"
                                + "data: {\"timestamp\":\"2026-11-22T10:00:01Z\",\"message\":\"task 1 ready\"}\n\n"
                                + "event: message\ndata: {\"timestamp\":\"2026-11-22T10:00:02Z\",\"message\":\"task 2 ready\"}\n\n"
                                + "event: ping\ndata: {}\n\n"
                                + "data: plain text\n\n")));

        List<DeploymentEvent> events = adapter.events(ID).collectList().block(Duration.ofSeconds(10));

        assertThat(events).hasSize(5);
        assertThat(((DeploymentEvent.StatusChanged) events.get(0)).deployment().status())
                .isEqualTo(Status.IN_PROGRESS);
        assertThat(events.subList(1, 4))
                .extracting(event -> ((DeploymentEvent.Log) event).line().message())
                .containsExactly("task 1 ready", "task 2 ready", "plain text");
        DeploymentEvent.StatusChanged last = (DeploymentEvent.StatusChanged) events.get(4);
        assertThat(last.deployment().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(last.deployment().live()).isTrue();
        wm.verify(getRequestedFor(urlEqualTo(STREAM))
                .withHeader("X-API-Key", equalTo(TOKEN))
                .withHeader("Accept", equalTo("text/event-stream")));
    }

    @Test
    void aFinishedDeploymentAnswersItsStoredLogAndCompletes() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "failed", 0, 2))));
        wm.stubFor(get("/api/v1/deployments/" + ID + "/logs")
                .willReturn(okJson("[{\"timestamp\":\"2026-11-22T10:00:01Z\",\"message\":\"boom\"}]")));

        StepVerifier.create(adapter.events(ID))
                .assertNext(event -> assertThat(((DeploymentEvent.StatusChanged) event)
                                .deployment()
                                .status())
                        .isEqualTo(Status.FAILED))
                .assertNext(
                        event -> assertThat(((DeploymentEvent.Log) event).line().message())
                                .isEqualTo("boom"))
                .verifyComplete();
        wm.verify(0, getRequestedFor(urlEqualTo(STREAM)));
    }

    @Test
    void aStreamThatStaysOpenEndsWhenAPollFindsTheDeploymentTerminal() {
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("cancel")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(deployment(ID, "pending", 0, 2)))
                .willSetStateTo("cancelled"));
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("cancel")
                .whenScenarioStateIs("cancelled")
                .willReturn(okJson(deployment(ID, "cancelled", 0, 2))));
        wm.stubFor(get(STREAM)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"message\":\"waiting\"}\n\n")
                        .withChunkedDribbleDelay(2, 8000)));

        List<DeploymentEvent> events = adapter.events(ID).collectList().block(Duration.ofSeconds(30));

        assertThat(events)
                .last()
                .satisfies(event -> assertThat(((DeploymentEvent.StatusChanged) event)
                                .deployment()
                                .status())
                        .isEqualTo(Status.CANCELLED));
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(notFound()));

        StepVerifier.create(adapter.events(ID))
                .expectError(ProviderException.NotFound.class)
                .verify();
    }

    @Test
    void aRefusedStreamIsTheProvidersError() {
        wm.stubFor(get("/api/v1/deployments/" + ID).willReturn(okJson(deployment(ID, "pending", 0, 2))));
        wm.stubFor(get(STREAM).willReturn(aResponse().withStatus(404).withBody("{\"code\":\"NOT_FOUND\"}")));

        StepVerifier.create(adapter.events(ID).filter(event -> event instanceof DeploymentEvent.Log))
                .expectError(ProviderException.NotFound.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRequestTimeoutOfTheGatewayDoesNotCutALongStream() {
        ProviderConnection connection = new ProviderConnection(
                "zectre-test",
                "zectre",
                URI.create(wm.baseUrl() + "/api/v1"),
                Map.of("token", TOKEN),
                java.net.http.HttpClient.newHttpClient(),
                builder -> builder.timeout(Duration.ofMillis(300)));
        ZectreAdapter timed =
                new ZectreAdapter(connection, new ZectreClient(connection, TOKEN), Duration.ofSeconds(30));
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("slow")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(deployment(ID, "running", 0, 2)))
                .willSetStateTo("done"));
        wm.stubFor(get("/api/v1/deployments/" + ID)
                .inScenario("slow")
                .whenScenarioStateIs("done")
                .willReturn(okJson(deployment(ID, "succeeded", 2, 2))));
        wm.stubFor(get(STREAM)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"message\":\"one\"}\n\ndata: {\"message\":\"two\"}\n\n")
                        .withChunkedDribbleDelay(20, 1500)));

        List<DeploymentEvent> events = timed.events(ID).collectList().block(Duration.ofSeconds(10));

        assertThat(events)
                .filteredOn(event -> event instanceof DeploymentEvent.Log)
                .extracting(event -> ((DeploymentEvent.Log) event).line().message())
                .containsExactly("one", "two");
        assertThat(events)
                .last()
                .satisfies(event -> assertThat(((DeploymentEvent.StatusChanged) event)
                                .deployment()
                                .status())
                        .isEqualTo(Status.SUCCEEDED));
    }

    @Test
    void theSseParserJoinsMultiLineDataAndSkipsComments() {
        ZectreEventStream.SseParser parser = new ZectreEventStream.SseParser();
        assertThat(parser.accept(":keepalive")).isEmpty();
        assertThat(parser.accept("data:{\"message\":")).isEmpty();
        assertThat(parser.accept("data: \"two lines\"}")).isEmpty();
        assertThat(parser.accept("")).extracting(LogLine::message).containsExactly("two lines");
    }
}
