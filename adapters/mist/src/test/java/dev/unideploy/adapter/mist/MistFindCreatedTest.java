package dev.unideploy.adapter.mist;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deploy whose answer was lost is the app's lowest deployment_number made since it was sent (ids are random). */
class MistFindCreatedTest {

    @RegisterExtension
    static WireMockExtension mist = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:05.400Z");
    private static final Creation DEPLOY =
            new Creation.Trigger(new TriggerRequest("1", Source.EMPTY, null, false, "c1"));

    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() {
        mist.stubFor(post("/api/auth/login")
                .willReturn(okJson(MistAdapterTest.envelope("{\"id\":1}"))
                        .withHeader("Set-Cookie", "mist_token=jwt-1; Path=/; HttpOnly")));
        adapter = new MistAdapterFactory()
                .create(ProviderConnection.of(
                        "mist",
                        "mist",
                        URI.create(mist.baseUrl() + "/api"),
                        Map.of("email", "bot@example.com", "password", "pw-secret")));
    }

    private static String row(long id, int number, String createdAt) {
        return """
                {"id":%d,"app_id":1,"deployment_number":%d,"status":"pending","created_at":"%s"}
                """.formatted(id, number, createdAt);
    }

    private void rows(String... rows) {
        mist.stubFor(post("/api/deployments/getByAppId")
                .willReturn(okJson(MistAdapterTest.envelope("[" + String.join(",", rows) + "]"))));
    }

    @Test
    void theLowestNumberSinceSendingNotTheNewestNorAnOlderOne() {
        rows(
                row(913_004, 9, "2026-11-22T10:00:07Z"),
                row(77, 8, "2026-11-22T10:00:05Z"),
                row(500_123, 7, "2026-11-22T10:00:01Z"));

        assertThat(adapter.findCreated(DEPLOY, SENT).block().id()).isEqualTo("1.77");
        mist.verify(0, postRequestedFor(urlEqualTo("/api/deployments")));
    }

    @Test
    void nothingSinceSendingIsNothing() {
        rows(row(500_123, 7, "2026-11-22T09:00:00Z"));

        assertThat(adapter.findCreated(DEPLOY, SENT).blockOptional()).isEmpty();
    }
}
