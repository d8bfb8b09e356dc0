package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.spi.Lifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The HTTP-layer road for repeated reads ({@code KeptReads}): it answers exactly what the full road answered, to the
 * same client only, and leaves to the full road every request the full road could answer differently.
 */
class KeptReadsTest extends FakeGatewayTest {

    private static final String DONE = "/v1/deployments/fake-a:done";

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void finishedDeployment() {
        a.add("app-a", "done", Lifecycle.succeeded("finished"), Instant.now());
    }

    private double served() {
        return meters.counter("unideploy.reads.kept").count();
    }

    private EntityExchangeResult<byte[]> read(
            String uri, String key, UnaryOperator<WebTestClient.RequestHeadersSpec<?>> with) {
        // as sent: a URI string would be encoded again (%64 → %2564)
        return with.apply(client.get()
                        .uri(URI.create("http://127.0.0.1:" + port + uri))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private EntityExchangeResult<byte[]> read(String uri, String key) {
        return read(uri, key, request -> request);
    }

    @Test
    @DisplayName("a repeated read is answered from the kept bytes: same body, ETag and type, no provider call")
    void repeatedReadTakesTheShortRoad() {
        EntityExchangeResult<byte[]> first = read(DONE, WRITER_KEY);
        int gets = a.calls("get");
        double before = served();

        EntityExchangeResult<byte[]> again = read(DONE, WRITER_KEY);
        EntityExchangeResult<byte[]> notModified = read(
                DONE,
                WRITER_KEY,
                r -> r.header(
                        HttpHeaders.IF_NONE_MATCH, first.getResponseHeaders().getETag()));

        assertThat(served()).isEqualTo(before + 2);
        assertThat(again.getStatus().value()).isEqualTo(200);
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getETag())
                .isEqualTo(first.getResponseHeaders().getETag());
        assertThat(again.getResponseHeaders().getContentType())
                .isEqualTo(first.getResponseHeaders().getContentType());
        assertThat(again.getResponseHeaders().getFirst("X-Request-Id"))
                .isNotEqualTo(first.getResponseHeaders().getFirst("X-Request-Id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(notModified.getStatus().value()).isEqualTo(304);
        assertThat(notModified.getResponseBody()).isNullOrEmpty();
        assertThat(a.calls("get")).isEqualTo(gets);
        assertThat(read(DONE, WRITER_KEY, r -> r.header("X-Request-Id", "mine-1"))
                        .getResponseHeaders()
                        .getFirst("X-Request-Id"))
                .as("the client's own request id is echoed")
                .isEqualTo("mine-1");
    }

    @Test
    @DisplayName("another client never gets what was kept for the first: it takes the full road, with its own rights")
    void keptPerClient() {
        read(DONE, WRITER_KEY);
        double before = served();

        assertThat(read(DONE, READER_KEY).getStatus().value()).isEqualTo(200);
        assertThat(read("/v1/deployments/fake-b:done", READER_KEY).getStatus().value())
                .as("the reader's allowlist is fake-a only")
                .isEqualTo(403);
        assertThat(read(DONE, "not-a-key").getStatus().value()).isEqualTo(401);
        assertThat(served()).as("none of these took the short road").isEqualTo(before);
    }

    @Test
    @DisplayName("respelled paths, cookies, CORS origins and rate-limited clients take the full road")
    void onlyPlainRequestsTakeTheShortRoad() {
        read(DONE, WRITER_KEY);
        read(DONE, LIMITED_KEY);
        double before = served();

        assertThat(read("/v1/deployments/fake-a:%64one", WRITER_KEY).getStatus().value())
                .isEqualTo(200);
        assertThat(read(DONE, WRITER_KEY, r -> r.header(HttpHeaders.COOKIE, "x=1"))
                        .getStatus()
                        .value())
                .isEqualTo(200);
        UnaryOperator<WebTestClient.RequestHeadersSpec<?>> origin =
                r -> r.header(HttpHeaders.ORIGIN, "https://elsewhere.example");
        assertThat(read(DONE, WRITER_KEY, origin).getStatus())
                .as("CORS decides as on the full road (a respelled path always takes it)")
                .isEqualTo(read("/v1/deployments/fake-a:%64one", WRITER_KEY, origin)
                        .getStatus());
        EntityExchangeResult<byte[]> limited = read(DONE, LIMITED_KEY);
        assertThat(limited.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(served()).isEqualTo(before);
    }

    @Test
    @DisplayName("a write clears what was kept: the next read goes to the provider again")
    void writesClear() {
        read(DONE, WRITER_KEY);
        read(DONE, WRITER_KEY);

        client.post().uri("/v1/deployments/fake-a:done/cancel").exchange();
        double before = served();
        EntityExchangeResult<byte[]> after = read(DONE, WRITER_KEY);

        assertThat(after.getStatus().value()).isEqualTo(200);
        assertThat(served())
                .as("the first read after a write takes the full road")
                .isEqualTo(before);
        // the write clears again once its answer is out, which may be after that read: keeping resumes soon after
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            read(DONE, WRITER_KEY);
            assertThat(served()).as("the answer is kept again").isGreaterThan(before);
        });
    }
}
