package dev.unideploy.adapter.mist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ResponseLimits;
import dev.unideploy.spi.testing.FakeWebSocketServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A WebSocket message over the connection's line limit fails the stream instead of filling the memory. */
class MistStreamLimitsTest {

    @Test
    void aMessageOverTheLimitFailsTheStream() throws Exception {
        try (FakeWebSocketServer server =
                new FakeWebSocketServer(List.of("{\"type\":\"log\"}", "z".repeat(5000)), false)) {
            URI http = server.httpBase();
            ProviderConnection connection = new ProviderConnection(
                    "mist",
                    "mist",
                    URI.create(http + "/api"),
                    Map.of(),
                    HttpClient.newHttpClient(),
                    builder -> builder,
                    new ResponseLimits(1024 * 1024, 1000));
            URI ws = URI.create(http.toString().replaceFirst("^http", "ws") + "/ws");
            StepVerifier.create(MistStream.texts(connection, ws, http, MistStream.IDLE))
                    .expectNext("{\"type\":\"log\"}")
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(ProviderException.BadResponse.class)
                            .hasMessageContaining("response too large"))
                    .verify(Duration.ofSeconds(10));
        }
    }
}
