package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.testing.FakeWebSocketServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The one WebSocket bridge: lazy, headers copied onto the upgrade, closed on cancel, completed by a close frame. */
class WebSocketFluxTest {

    private static ProviderConnection connection(URI http, int maxLine) {
        return new ProviderConnection(
                "p",
                "p",
                URI.create(http + "/api"),
                Map.of(),
                HttpClient.newHttpClient(),
                builder -> builder.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                new ResponseLimits(1024 * 1024, maxLine));
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws") + "/ws");
    }

    @Test
    @DisplayName("texts as they come, the gateway's and the provider's headers on the upgrade; cancel closes")
    void textsHeadersAndCancel() throws Exception {
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of("one", "two", "three"), false)) {
            URI http = server.httpBase();
            StepVerifier.create(WebSocketFlux.texts(
                                    connection(http, 1000),
                                    ws(http),
                                    http,
                                    WebSocketFlux.Config.of("P").headers(Map.of("x-api-key", "k-1")))
                            .take(2))
                    .expectNext("one", "two")
                    .verifyComplete();

            assertThat(server.headers)
                    .containsEntry("x-api-key", "k-1")
                    .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(server.clientClosed.await(5, TimeUnit.SECONDS))
                    .as("cancelling closed the socket")
                    .isTrue();
        }
    }

    @Test
    @DisplayName("a close frame from the provider completes the flux")
    void closeFrameCompletes() throws Exception {
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of("a"), true)) {
            URI http = server.httpBase();
            StepVerifier.create(
                            WebSocketFlux.texts(connection(http, 1000), ws(http), http, WebSocketFlux.Config.of("P")))
                    .expectNext("a")
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("whole messages up to the line limit; a longer one fails the flux as a bad response")
    void wholeMessagesAreBounded() throws Exception {
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of("ok", "z".repeat(2000)), false)) {
            URI http = server.httpBase();
            StepVerifier.create(WebSocketFlux.texts(
                            connection(http, 1000),
                            ws(http),
                            http,
                            WebSocketFlux.Config.of("P").wholeMessages()))
                    .expectNext("ok")
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(ProviderException.BadResponse.class)
                            .hasMessageContaining("response too large"))
                    .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("a socket silent past the idle limit fails as a timeout naming the provider (virtual time)")
    void idleSocketTimesOut() throws Exception {
        // no frame at all: the idle clock runs from the subscription, on the test's virtual time only
        try (FakeWebSocketServer server = new FakeWebSocketServer(List.of(), false)) {
            URI http = server.httpBase();
            StepVerifier.withVirtualTime(() -> WebSocketFlux.texts(
                            connection(http, 1000),
                            ws(http),
                            http,
                            WebSocketFlux.Config.of("Mist").idle(Duration.ofSeconds(45))))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofSeconds(44))
                    .thenAwait(Duration.ofSeconds(1))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(ProviderException.Timeout.class)
                            .hasMessage("Mist's live stream went silent"))
                    .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("the config's text names header keys only, never their values")
    void configHidesHeaderValues() {
        assertThat(WebSocketFlux.Config.of("P")
                        .headers(Map.of("x-api-key", "k-secret"))
                        .toString())
                .contains("x-api-key")
                .doesNotContain("k-secret");
    }
}
