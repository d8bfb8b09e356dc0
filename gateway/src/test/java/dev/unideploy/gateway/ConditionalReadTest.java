package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.spi.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** ETag and If-None-Match on deployments, lists, apps and revisions: 304 without the provider or the handler. */
class ConditionalReadTest extends FakeGatewayTest {

    private EntityExchangeResult<byte[]> read(String uri, String... ifNoneMatch) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (ifNoneMatch.length > 0) {
            request = request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        return request.exchange().expectBody().returnResult();
    }

    @Test
    @DisplayName("a finished deployment has an ETag; If-None-Match answers 304 with no body and no provider call")
    void finishedDeployment() {
        a.add("app-a", "done", Lifecycle.succeeded("finished"), Instant.now());

        EntityExchangeResult<byte[]> first = read("/v1/deployments/fake-a:done");
        String etag = first.getResponseHeaders().getETag();
        assertThat(first.getStatus().value()).isEqualTo(200);
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        int gets = a.calls("get");

        EntityExchangeResult<byte[]> again = read("/v1/deployments/fake-a:done", etag);
        assertThat(again.getStatus().value()).isEqualTo(304);
        assertThat(again.getResponseBody()).isNullOrEmpty();
        assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(again.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        // weak and listed tags match too (RFC 9110 weak comparison), and so does *
        assertThat(read("/v1/deployments/fake-a:done", "\"other\", W/" + etag)
                        .getStatus()
                        .value())
                .isEqualTo(304);
        assertThat(read("/v1/deployments/fake-a:done", "*").getStatus().value()).isEqualTo(304);
        // a stale tag gets the body, the same bytes as the first answer
        EntityExchangeResult<byte[]> stale = read("/v1/deployments/fake-a:done", "\"stale\"");
        assertThat(stale.getStatus().value()).isEqualTo(200);
        assertThat(stale.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(stale.getResponseHeaders().getContentType()).hasToString("application/json");
        assertThat(a.calls("get")).as("no read went to the provider").isEqualTo(gets);
    }

    @Test
    @DisplayName("a deployment in progress: 304 while unchanged, the new state and a new ETag once it changes")
    void inProgressDeployment() {
        a.add("app-a", "run", Lifecycle.inProgress("running", null), Instant.now());
        String etag = read("/v1/deployments/fake-a:run").getResponseHeaders().getETag();
        assertThat(read("/v1/deployments/fake-a:run", etag).getStatus().value()).isEqualTo(304);

        a.set("run", Lifecycle.succeeded("finished"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            EntityExchangeResult<byte[]> changed = read("/v1/deployments/fake-a:run", etag);
            assertThat(changed.getStatus().value()).isEqualTo(200);
            assertThat(new String(changed.getResponseBody())).contains("\"status\":\"succeeded\"");
            assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(etag);
        });
    }

    @Test
    @DisplayName("lists, apps and revisions carry ETags and answer 304 to a matching If-None-Match")
    void listsAndApps() {
        a.add("app-a", "l1", Lifecycle.succeeded("finished"), Instant.parse("2026-11-01T00:00:00Z"));
        for (String uri : List.of("/v1/deployments?appId=fake-a:app-a", "/v1/apps", "/v1/apps?provider=fake-a")) {
            EntityExchangeResult<byte[]> first = read(uri);
            assertThat(first.getStatus().value()).as(uri).isEqualTo(200);
            String etag = first.getResponseHeaders().getETag();
            assertThat(etag).as(uri).isNotNull();
            assertThat(read(uri, etag).getStatus().value()).as(uri).isEqualTo(304);
        }
        assertThat(a.calls("list"))
                .as("the list was read from the provider once")
                .isEqualTo(1);
        assertThat(a.calls("apps"))
                .as("each apps read was answered once from the provider")
                .isLessThanOrEqualTo(2);
    }

    @Test
    @DisplayName("a write through the gateway clears kept answers: a new deployment shows in the next list")
    void writesClear() {
        String list = "/v1/deployments?appId=fake-a:app-a";
        String etag = read(list).getResponseHeaders().getETag();
        client.post()
                .uri("/v1/deployments")
                .header("Content-Type", "application/json")
                .bodyValue("{\"appId\":\"fake-a:app-a\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        EntityExchangeResult<byte[]> after = read(list, etag);
        assertThat(after.getStatus().value()).isEqualTo(200);
        assertThat(new String(after.getResponseBody())).contains("fake-a:dep-");
        assertThat(a.deployments).hasSize(1);
    }

    @Test
    @DisplayName("answers are kept per client: another key is still authorised and sees only its own connections")
    void perClient() {
        b.add("app-a", "bee", Lifecycle.succeeded("finished"), Instant.now());
        String etag = read("/v1/deployments/fake-b:bee").getResponseHeaders().getETag();

        WebTestClient reader = client.mutate()
                .defaultHeader("Authorization", "Bearer " + READER_KEY)
                .build();
        reader.get()
                .uri("/v1/deployments/fake-b:bee")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isForbidden();
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri("/v1/deployments/fake-b:bee")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    @DisplayName("errors carry no ETag and are not kept")
    void errorsAreNotKept() {
        EntityExchangeResult<byte[]> missing = read("/v1/deployments/fake-a:nope");
        assertThat(missing.getStatus().value()).isEqualTo(404);
        assertThat(missing.getResponseHeaders().getETag()).isNull();
        a.add("app-a", "nope", Lifecycle.succeeded("finished"), Instant.now());
        assertThat(read("/v1/deployments/fake-a:nope").getStatus().value()).isEqualTo(200);
    }
}
