package dev.unideploy.adapter.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
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

/** A deploy whose answer was lost is found by the title it was sent with — or, once Dokploy renamed the row, by time. */
class DokployFindCreatedTest {

    @RegisterExtension
    static WireMockExtension dokploy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00.500Z");
    private static final Creation DEPLOY =
            new Creation.Trigger(new TriggerRequest("dok-web", Source.EMPTY, null, false, "c0ffee"));

    /** The ids (and so the titles) this connection's trigger would have sent for ours and for another deploy. */
    private static final DokploySeal SEAL = new DokploySeal("key-secret");

    private static final DokployTriggeredId OURS = SEAL.issue("dok-web", SENT, "c0ffee");
    private static final DokployTriggeredId OTHER =
            SEAL.issue("dok-web", Instant.parse("2026-11-22T10:00:00.400Z"), "beef");

    private ProviderAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = new DokployAdapterFactory()
                .create(ProviderConnection.of(
                        "dok", "dokploy", URI.create(dokploy.baseUrl() + "/api"), Map.of("token", "key-secret")));
    }

    private static String row(String id, String title, String createdAt) {
        return """
                {"deploymentId":"%s","title":"%s","description":"Commit: 6f87","status":"running",
                 "logPath":"/etc/dokploy/logs/web/%s.log","applicationId":"dok-web","createdAt":"%s"}
                """.formatted(id, title, id, createdAt);
    }

    private void rows(String... rows) {
        dokploy.stubFor(get("/api/deployment.all?applicationId=dok-web")
                .willReturn(okJson("[" + String.join(",", rows) + "]")));
    }

    private void queue(String json) {
        dokploy.stubFor(get("/api/deployment.queueList").willReturn(okJson(json)));
    }

    @Test
    void aQueuedJobWithOurTitleIsTheDeployment() {
        rows(row("r1", "Manual", "2026-11-22T09:00:00.000Z"));
        queue("""
                [{"id":"7","name":"deployments","data":{"applicationId":"dok-web","titleLog":"%s"},
                  "timestamp":1795341600600,"state":"waiting"}]""".formatted(OURS.title()));

        Deployment found = adapter.findCreated(DEPLOY, SENT).block();

        assertThat(found.id()).isEqualTo(OURS.toString());
        dokploy.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aRowDokployRenamedAfterTheCloneIsFoundByTime() {
        queue("[]");
        rows(
                row("later", "second commit", "2026-11-22T10:00:03.000Z"),
                row("ours", "hello from local git", "2026-11-22T10:00:01.000Z"),
                row("other", OTHER.title(), "2026-11-22T10:00:00.900Z"),
                row("before", "old commit", "2026-11-22T09:59:00.000Z"));

        Deployment found = adapter.findCreated(DEPLOY, SENT).block();

        // the row renamed after its clone, named by the id the trigger would have answered (lists show it so too)
        assertThat(found.id()).isEqualTo(OURS.toString());
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01.000Z"));
        dokploy.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void nothingSinceTheDeployIsNothing() {
        queue("[]");
        rows(row("before", "old commit", "2026-11-22T09:59:00.000Z"));

        assertThat(adapter.findCreated(DEPLOY, SENT).blockOptional()).isEmpty();
    }
}
