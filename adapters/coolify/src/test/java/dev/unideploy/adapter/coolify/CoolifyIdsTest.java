package dev.unideploy.adapter.coolify;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ids are provider data: sent percent-encoded, never trusted as URL syntax; rows tie-broken by Coolify's order. */
class CoolifyIdsTest {

    @RegisterExtension
    static WireMockExtension coolify = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = new CoolifyAdapterFactory()
                .create(ProviderConnection.of(
                        "cool", "coolify", URI.create(coolify.baseUrl() + "/api/v1"), Map.of("token", "t0ken-value")));
    }

    private static String row(long id, String uuid, String createdAt) {
        return CoolifyAdapterTest.row(uuid, "finished")
                .replace("\"id\":7", "\"id\":" + id)
                .replace("2026-11-22T10:00:00.000000Z", createdAt);
    }

    @Test
    void aDeploymentUuidThatIsNotUrlSafeIsSentEncodedAndKeptAsData() {
        String uuid = "a b/c?d";
        coolify.stubFor(post("/api/v1/deploy?uuid=cool-web&force=false")
                .willReturn(okJson("{\"deployments\":[{\"message\":\"Application web deployment queued.\","
                        + "\"resource_uuid\":\"cool-web\",\"deployment_uuid\":\"a b/c?d\"}]}")));
        coolify.stubFor(
                get("/api/v1/deployments/a%20b%2Fc%3Fd").willReturn(okJson(row(9, uuid, "2026-11-22T10:00:00Z"))));

        Deployment created = adapter.trigger(new TriggerRequest("cool-web", Source.EMPTY, null, false, "c"))
                .block();
        Deployment again = adapter.getDeployment(created.id()).block();

        assertThat(created.id()).isEqualTo(uuid);
        assertThat(again.id()).isEqualTo(uuid);
        coolify.verify(2, getRequestedFor(urlEqualTo("/api/v1/deployments/a%20b%2Fc%3Fd")));
    }

    @Test
    void appIdsAreEncodedInPathsAndQueries() {
        coolify.stubFor(get("/api/v1/deployments/applications/x%2F..?skip=0&take=5")
                .willReturn(okJson("{\"count\":0,\"deployments\":[]}")));

        assertThat(adapter.listDeployments("x/..", null, 5).block().items()).isEmpty();
        coolify.verify(getRequestedFor(urlEqualTo("/api/v1/deployments/applications/x%2F..?skip=0&take=5")));
    }

    @Test
    void aDotSegmentIdNamesNothingAndSendsNothing() {
        for (String id : new String[] {"..", ".", ""}) {
            assertThatThrownBy(() -> adapter.getDeployment(id).block()).isInstanceOf(ProviderException.NotFound.class);
            assertThatThrownBy(() -> adapter.cancel(id).block()).isInstanceOf(ProviderException.NotFound.class);
        }
        assertThat(coolify.getAllServeEvents()).isEmpty();
    }

    @Test
    void rowsQueuedInOneSecondAreOrderedByTheirSequence() {
        // Whole-second created_at: 12 and 11 tie; Coolify orders created_at desc, then id desc.
        coolify.stubFor(get("/api/v1/deployments/applications/cool-web?skip=0&take=3")
                .willReturn(okJson("{\"count\":3,\"deployments\":["
                        + row(11, "d-11", "2026-11-22T10:00:05.000000Z") + ","
                        + row(10, "d-10", "2026-11-22T10:00:04.000000Z") + ","
                        + row(12, "d-12", "2026-11-22T10:00:05.000000Z") + "]}")));

        assertThat(adapter.listDeployments("cool-web", null, 3).block().items())
                .extracting(Deployment::id)
                .containsExactly("d-12", "d-11", "d-10");
    }
}
