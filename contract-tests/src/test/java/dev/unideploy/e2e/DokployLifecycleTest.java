package dev.unideploy.e2e;

import static dev.unideploy.e2e.DokploySandbox.awaitTerminal;
import static dev.unideploy.e2e.DokploySandbox.get;
import static dev.unideploy.e2e.DokploySandbox.listed;
import static dev.unideploy.e2e.DokploySandbox.rows;
import static dev.unideploy.e2e.DokploySandbox.title;
import static dev.unideploy.e2e.DokploySandbox.trigger;
import static dev.unideploy.e2e.DokploySandbox.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.sandbox.SimulatedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Dokploy through the gateway as the real server behaves (PROVIDERS.md §2, "Verified against a running Dokploy
 * v0.30.2"): rows renamed when the build ends, one build at a time, a queue clean that drops every waiting job of an
 * application, no pid. Each test would have failed before the adapter knew it.
 */
class DokployLifecycleTest extends SandboxGatewayTest {

    private WebTestClient gateway;
    private SimulatedProvider dokploy;

    @BeforeEach
    void client() {
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(DokploySandbox.WAIT)
                .defaultHeader("Authorization", "Bearer sandbox")
                .build();
        dokploy = sandbox.sandbox().provider("dokploy");
        DokploySandbox.awaitIdle(dokploy);
    }

    private static String id(Map<String, Object> deployment) {
        return (String) deployment.get("id");
    }

    @SuppressWarnings("unchecked")
    private static String rowId(Map<String, Object> deployment) {
        return (String) ((Map<String, Object>) deployment.get("raw")).get("deploymentId");
    }

    @Test
    @DisplayName("the id the trigger returned resolves to the same deployment after Dokploy renamed its row:"
            + " listed under that id, and its live events end with end")
    @SuppressWarnings("unchecked")
    void theIdOutlivesTheRename() {
        String id = id(trigger(gateway, "dokploy:dok-web"));

        List<String> events = DokploySandbox.events("http://127.0.0.1:" + port, "sandbox", id);
        Map<String, Object> done = awaitTerminal(gateway, id);

        assertThat(events).contains("status").endsWith("end").doesNotContain("error");
        assertThat(done.get("id")).isEqualTo(id);
        assertThat(done.get("status")).isEqualTo("succeeded");
        Map<String, Object> raw = (Map<String, Object>) done.get("raw");
        assertThat(raw.get("title")).as("Dokploy renamed the row").isEqualTo("Update web landing page");
        assertThat((String) raw.get("description")).startsWith("Commit: ");
        assertThat(((Map<String, Object>) done.get("source")).get("commitMessage"))
                .isEqualTo("Update web landing page");
        List<String> listed = listed(gateway, "dokploy:dok-web");
        assertThat(listed).contains(id).doesNotContain("dokploy:dok-web." + rowId(done));
        assertThat(get(gateway, id, "").get("status")).isEqualTo("succeeded");
    }

    @Test
    @DisplayName("cancelling one of several queued deployments of an app is 409 and all stay queued; the only waiting"
            + " one of another app is dropped alone")
    void cancelNeverTouchesAnotherDeployment() {
        // one build at a time: these three keep the others waiting for a few seconds
        trigger(gateway, "dokploy:dok-web");
        trigger(gateway, "dokploy:dok-web");
        trigger(gateway, "dokploy:dok-web");
        String first = id(trigger(gateway, "dokploy:dok-web"));
        String second = id(trigger(gateway, "dokploy:dok-web"));
        String alone = id(trigger(gateway, "dokploy:dok-broken"));
        List<String> before = waiting(dokploy);
        assertThat(before).contains(title(first), title(second), title(alone));

        gateway.post()
                .uri("/v1/deployments/" + first + "/cancel")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("conflict")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("other deployments of this application wait too")
                        .contains("Nothing was cancelled"));
        assertThat(waiting(dokploy)).containsExactlyElementsOf(before);

        gateway.post()
                .uri("/v1/deployments/" + alone + "/cancel")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
        List<String> after = waiting(dokploy);
        assertThat(after).contains(title(first), title(second)).doesNotContain(title(alone));
        assertThat(after).hasSize(before.size() - 1);
        assertThat(get(gateway, alone, "").get("status")).isEqualTo("cancelled");
        assertThat(awaitTerminal(gateway, first).get("status")).isEqualTo("succeeded");
        assertThat(awaitTerminal(gateway, second).get("status")).isEqualTo("succeeded");
        assertThat(get(gateway, alone, "").get("status"))
                .as("never took another's row")
                .isEqualTo("cancelled");
    }

    @Test
    @DisplayName("a running deployment: cancel is 409 (Dokploy cannot stop it), DELETE is 409 and the row stays;"
            + " once finished it is deleted")
    void aRunningDeploymentIsNeitherCancelledNorDeleted() {
        String id = id(trigger(gateway, "dokploy:dok-web"));
        Awaitility.await()
                .atMost(DokploySandbox.WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "in_progress".equals(get(gateway, id, "").get("status")));
        String row = rowId(get(gateway, id, "?include=raw"));

        gateway.post()
                .uri("/v1/deployments/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("cannot stop a running application deployment"));
        gateway.delete()
                .uri("/v1/deployments/" + id)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("conflict");
        assertThat(rows(dokploy, "dok-web")).contains(row);

        assertThat(awaitTerminal(gateway, id).get("status")).isEqualTo("succeeded");
        gateway.delete().uri("/v1/deployments/" + id).exchange().expectStatus().isNoContent();
        assertThat(rows(dokploy, "dok-web")).doesNotContain(row);
        gateway.get().uri("/v1/deployments/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    @DisplayName("GET /v1/providers/dokploy says a cancel stops queued deployments only, and why")
    void theCapabilityModelSaysWhatCancelCanStop() {
        gateway.get()
                .uri("/v1/providers/dokploy")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.capabilities.cancel")
                .isEqualTo("native")
                .jsonPath("$.cancel.statuses")
                .isEqualTo(List.of("queued"))
                .jsonPath("$.cancel.limits")
                .value(limits -> assertThat((String) limits).contains("Only a queued deployment"));
    }

    @Test
    @DisplayName("logs?tail=2 counts blank lines as Dokploy does")
    void tailCountsBlankLines() {
        String id = id(trigger(gateway, "dokploy:dok-broken"));
        assertThat(awaitTerminal(gateway, id).get("status")).isEqualTo("failed");

        JsonNode logs = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(gateway.get()
                        .uri("/v1/deployments/" + id + "/logs?tail=2")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());

        assertThat(logs.get("items")).hasSize(2);
        assertThat(logs.get("items").get(0).get("message").asString()).isEmpty();
        assertThat(logs.get("items").get(1).get("message").asString())
                .isEqualTo("Error occurred ❌, check the logs for details.");
    }
}
