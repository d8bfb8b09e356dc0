package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.testing.FakeWebSocketServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket log stream against a fake server that, like Dokploy, never closes it. */
class DokployStreamTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void chunksBecomeLinesStatusIsPolledAndWeCloseTheSocket() throws Exception {
        String rows = "/api/deployment.all?applicationId=dok-web";
        dokploy.stubFor(get(rows).willReturn(okJson("[" + DokployFixtures.row("r1", "Manual", "running") + "]")));
        ProviderConnection connection = ProviderConnection.of(
                "dok", "dokploy", URI.create(dokploy.baseUrl() + "/api"), Map.of("token", "key-secret"));
        try (FakeWebSocketServer server =
                new FakeWebSocketServer(List.of("Cloning re", "po\nBuil", "ding\r\n\n", "Done\n"), false)) {
            DokployAdapter adapter = new DokployAdapter(
                    connection,
                    new DokployClient(connection, "key-secret", server.httpBase()),
                    Correlations.inMemory(),
                    new DokploySeal("key-secret"),
                    Duration.ofMillis(200),
                    Clock.systemUTC());

            CompletableFuture<List<DeploymentEvent>> events =
                    adapter.events("dok-web.r1").collectList().toFuture();
            Thread.sleep(800);
            dokploy.stubFor(get(rows).willReturn(okJson("[" + DokployFixtures.row("r1", "Manual", "done") + "]")));
            List<DeploymentEvent> all = events.get(10, TimeUnit.SECONDS);

            assertThat(all.stream()
                            .filter(DeploymentEvent.Log.class::isInstance)
                            .map(event -> ((DeploymentEvent.Log) event).line().message()))
                    .containsExactly("Cloning repo", "Building", "", "Done");
            assertThat(all.get(0)).isInstanceOf(DeploymentEvent.StatusChanged.class);
            assertThat(((DeploymentEvent.StatusChanged) all.get(all.size() - 1))
                            .deployment()
                            .status())
                    .isEqualTo(Status.SUCCEEDED);
            assertThat(server.requestLine)
                    .contains("/listen-deployment?logPath=%2Fetc%2Fdokploy%2Flogs%2Fweb%2Fweb-r1.log");
            assertThat(server.headers).containsEntry("x-api-key", "key-secret");
            assertThat(server.clientClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
