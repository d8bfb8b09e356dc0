package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DELETE removes a finished deployment's record only, for every provider; the cancel scope is in the capabilities. */
class DeleteDeploymentTest extends FakeGatewayTest {

    @Test
    @DisplayName("DELETE of a queued or in-progress deployment is 409 and the provider is not asked to delete")
    void unfinishedDeploymentsAreNotDeleted() {
        a.add("app-a", "run", Lifecycle.inProgress("running", null), Instant.now());
        a.add("app-a", "wait", Lifecycle.queued("queued"), Instant.now());

        for (String id : new String[] {"run", "wait"}) {
            client.delete()
                    .uri("/v1/deployments/fake-a:" + id)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("conflict")
                    .jsonPath("$.detail")
                    .value(detail ->
                            assertThat((String) detail).contains("only a finished deployment's record can be deleted"));
        }

        assertThat(a.calls("delete")).isZero();
        assertThat(a.deployments).extracting(Deployment::id).containsExactly("run", "wait");
    }

    @Test
    @DisplayName("DELETE of a finished deployment removes it: 204, then 404")
    void finishedDeploymentsAreDeleted() {
        a.add("app-a", "done", Lifecycle.succeeded("finished"), Instant.now());

        client.delete()
                .uri("/v1/deployments/fake-a:done")
                .exchange()
                .expectStatus()
                .isNoContent();

        assertThat(a.calls("delete")).isEqualTo(1);
        assertThat(a.deployments).isEmpty();
        client.get()
                .uri("/v1/deployments/fake-a:done")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    @DisplayName("a provider connection says what a cancel can stop: by default queued and in-progress deployments")
    void cancelScopeIsInTheCapabilities() {
        client.get()
                .uri("/v1/providers/fake-a")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cancel.statuses")
                .isEqualTo(java.util.List.of("queued", "in_progress"))
                .jsonPath("$.cancel.limits")
                .doesNotExist();
        a.unsupported.add("CANCEL");
        client.get()
                .uri("/v1/providers/fake-a")
                .exchange()
                .expectBody()
                .jsonPath("$.cancel.statuses")
                .isEmpty();
    }
}
