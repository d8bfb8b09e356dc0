package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Writes through a gateway as a careful client makes them: under an Idempotency-Key, retried with it. */
final class KeyedWrites {

    private KeyedWrites() {}

    /** {@code method uri} with a JSON body (or none), under {@code key} (or none). */
    static EntityExchangeResult<Map> write(
            WebTestClient client, HttpMethod method, String uri, @Nullable Object body, @Nullable String key) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(uri);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        WebTestClient.RequestHeadersSpec<?> sent = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return sent.exchange().expectBody(Map.class).returnResult();
    }

    /**
     * Retries the write with its key until it answers {@code status}; meanwhile the only other answer allowed is 409
     * naming the key's state (in flight, or outcome unknown). Answers the last one.
     */
    @SuppressWarnings("unchecked")
    static EntityExchangeResult<Map> retryUntil(
            WebTestClient client, int status, HttpMethod method, String uri, @Nullable Object body, String key) {
        EntityExchangeResult<Map>[] last = new EntityExchangeResult[1];
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    last[0] = write(client, method, uri, body, key);
                    int got = last[0].getStatus().value();
                    if (got != status) {
                        assertThat(got)
                                .as("retry answer %s", last[0].getResponseBody())
                                .isEqualTo(409);
                        assertThat(last[0].getResponseBody()).containsKey("idempotencyKeyState");
                    }
                    assertThat(got).isEqualTo(status);
                });
        return last[0];
    }

    /** A failed write that may have landed: it says so, and with a key the key's state is outcome_unknown. */
    @SuppressWarnings("unchecked")
    static void assertOutcomeUnknown(EntityExchangeResult<Map> answer, boolean keyed) {
        assertThat(answer.getStatus().value())
                .as("%s", answer.getResponseBody())
                .isIn(502, 503, 504);
        Map<String, Object> problem = answer.getResponseBody();
        assertThat((String) problem.get("detail")).contains("may have been");
        if (keyed) {
            assertThat(problem).containsEntry("idempotencyKeyState", "outcome_unknown");
            assertThat((String) problem.get("detail")).contains("same Idempotency-Key is safe");
        } else {
            assertThat(problem).doesNotContainKey("idempotencyKeyState");
            assertThat((String) problem.get("detail")).contains("no Idempotency-Key");
        }
    }

    static Set<String> added(Set<String> before, Set<String> after) {
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        return added;
    }
}
