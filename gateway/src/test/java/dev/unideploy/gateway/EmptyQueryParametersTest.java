package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No query parameter of the API may be empty: {@code ?status=} is 400 naming it, never read as "no filter" or as the
 * default, and nothing reaches a provider (found by schemathesis: {@code GET /v1/deployments?status=} answered 200).
 */
class EmptyQueryParametersTest extends FakeGatewayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/v1/deployments?appId=fake-a:app-a&status=, status",
        "/v1/deployments?appId=fake-a:app-a&limit=, limit",
        "/v1/deployments?appId=, appId",
        "/v1/deployments/fake-a:d1?waitFor=, waitFor",
        "/v1/deployments/fake-a:d1/logs?tail=, tail",
        "/v1/apps?provider=, provider"
    })
    void emptyParameterIsRefused(String uri, String field) {
        a.add("app-a", "d1", Lifecycle.succeeded("finished"), Instant.now());
        int before = a.calls("list") + a.calls("get") + a.calls("logs") + a.calls("apps");

        client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request")
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);

        assertThat(a.calls("list") + a.calls("get") + a.calls("logs") + a.calls("apps"))
                .isEqualTo(before);
        // the same request with the parameter given is answered
        client.get()
                .uri(uri.replace(field + "=", "x" + field + "=y"))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }
}
