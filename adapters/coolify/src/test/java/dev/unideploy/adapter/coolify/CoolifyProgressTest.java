package dev.unideploy.adapter.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Status;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One poll of a Coolify deployment is one request: its row holds the deployment and its log. */
class CoolifyProgressTest {

    @RegisterExtension
    static WireMockExtension coolify = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void progressReadsTheRowOnce() {
        coolify.stubFor(
                get("/api/v1/deployments/d-1").willReturn(okJson(CoolifyAdapterTest.row("d-1", "in_progress"))));
        var adapter = new CoolifyAdapterFactory()
                .create(ProviderConnection.of(
                        "cool", "coolify", URI.create(coolify.baseUrl() + "/api/v1"), Map.of("token", "secret-token")));

        Progress progress = adapter.progress("d-1").block();

        assertThat(progress.deployment().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(progress.logs()).extracting(LogLine::message).containsExactly("Building", "Done");
        coolify.verify(1, getRequestedFor(urlEqualTo("/api/v1/deployments/d-1")));
        coolify.verify(1, anyRequestedFor(anyUrl()));
    }
}
