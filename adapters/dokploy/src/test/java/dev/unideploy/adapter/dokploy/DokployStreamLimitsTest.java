package dev.unideploy.adapter.dokploy;

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

/** A socket that never ends its line cannot fill the gateway's memory: past the line limit, the stream fails. */
class DokployStreamLimitsTest {

    @Test
    void aLineThatNeverEndsFailsTheStreamAtTheLimit() throws Exception {
        try (FakeWebSocketServer server =
                new FakeWebSocketServer(List.of("ok\n", "x".repeat(600), "y".repeat(600), "never\n"), false)) {
            URI http = server.httpBase();
            ProviderConnection connection = new ProviderConnection(
                    "dok",
                    "dokploy",
                    URI.create(http + "/api"),
                    Map.of("token", "key-secret"),
                    HttpClient.newHttpClient(),
                    builder -> builder,
                    new ResponseLimits(1024 * 1024, 1000));
            URI ws = URI.create(http.toString().replaceFirst("^http", "ws") + "/listen-deployment");
            StepVerifier.create(DokployStream.lines(connection, ws, http, Map.of()))
                    .expectNext("ok")
                    .expectErrorSatisfies(error -> org.assertj.core.api.Assertions.assertThat(error)
                            .isInstanceOf(ProviderException.BadResponse.class)
                            .hasMessageContaining("response too large"))
                    .verify(Duration.ofSeconds(10));
        }
    }
}
