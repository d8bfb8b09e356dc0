package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway's own behaviour — auth, problems, capabilities, idempotency, merged lists — over two fake providers. */
class GatewayApiTest extends FakeGatewayTest {

    @Test
    @DisplayName("without a bearer key every API call answers 401 with a problem document")
    void unauthenticated() {
        WebTestClient anonymous =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        anonymous
                .get()
                .uri("/v1/providers")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.type")
                .isEqualTo("https://unideploy.dev/problems/unauthorized")
                .jsonPath("$.instance")
                .isEqualTo("/v1/providers");
        anonymous
                .get()
                .uri("/v1/providers")
                .header("Authorization", "Bearer wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // the default valid key plus a wrong one: ambiguous credentials are refused
        client.get()
                .uri("/v1/providers")
                .header("Authorization", "Bearer wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    @DisplayName("the spec is served without a key")
    void specIsPublic() {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri("/v1/openapi.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(spec -> assertThat(spec).startsWith("openapi: 3.1.0"));
    }

    @Test
    @DisplayName("providers are listed with capabilities; no credential is ever in the response")
    void listsProviders() {
        byte[] body = client.get()
                .uri("/v1/providers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo("fake-a")
                .jsonPath("$.items[1].id")
                .isEqualTo("fake-b")
                .jsonPath("$.items[0].type")
                .isEqualTo("fake")
                .jsonPath("$.items[0].capabilities.trigger")
                .isEqualTo("native")
                .jsonPath("$.items[0].capabilities.events")
                .isEqualTo("emulated")
                .returnResult()
                .getResponseBodyContent();
        assertThat(new String(body)).doesNotContain("provider-secret");
    }

    @Test
    @DisplayName("a trigger answers 202 with Location and an id that starts with the connection id")
    void triggers() {
        client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "fake-a:app-a", "source", Map.of("branch", "main")))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueMatches("Location", "/v1/deployments/fake-a:dep-[0-9]+-[0-9a-f]{32}")
                .expectBody()
                .jsonPath("$.id")
                .value(id -> assertThat((String) id).startsWith("fake-a:"))
                .jsonPath("$.status")
                .isEqualTo("queued")
                .jsonPath("$.appId")
                .isEqualTo("fake-a:app-a")
                .jsonPath("$.links.events")
                .value(link -> assertThat((String) link).endsWith("/events"));
        assertThat(a.calls("trigger")).isEqualTo(1);
    }

    @Test
    @DisplayName("malformed JSON and invalid fields answer 400 naming the problem, and nothing reaches a provider")
    void badInput() {
        client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
        client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "no-colon"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("appId");
        client.get().uri("/v1/deployments?limit=0").exchange().expectStatus().isBadRequest();
        assertThat(a.calls("trigger") + b.calls("trigger") + a.calls("list")).isZero();
    }

    @Test
    @DisplayName("a request body over the limit answers 413 and reaches no provider")
    void bodyTooLarge() {
        String huge = "{\"appId\":\"fake-a:app-a\",\"environment\":\"" + "x".repeat(100_000) + "\"}";
        client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload_too_large");
        assertThat(a.calls("trigger")).isZero();
    }

    @Test
    @DisplayName("unknown providers and deployments answer 404 not_found")
    void notFound() {
        client.get()
                .uri("/v1/deployments/nowhere:x")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        client.get()
                .uri("/v1/deployments/fake-a:missing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found")
                .jsonPath("$.provider")
                .isEqualTo("fake-a");
        client.get()
                .uri("/v1/no-such-route")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @DisplayName("an unsupported operation answers 501 and sends nothing to the provider")
    void unsupported() {
        a.unsupported.add("CANCEL");
        a.add("app-a", "d1", Lifecycle.inProgress("running", null), Instant.now());
        client.post()
                .uri("/v1/deployments/fake-a:d1/cancel")
                .exchange()
                .expectStatus()
                .isEqualTo(501)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unsupported_operation");
        assertThat(a.calls("cancel") + a.calls("get")).isZero();
    }

    @Test
    @DisplayName("cancelling a finished deployment is 409; a kill the provider reports as failed reads as cancelled")
    void cancel() {
        a.add("app-a", "done", Lifecycle.succeeded("finished"), Instant.now());
        client.post()
                .uri("/v1/deployments/fake-a:done/cancel")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("conflict");
        // the adapter answers the conflict; the gateway reads nothing before it
        assertThat(a.calls("get")).isZero();
        assertThat(a.deployments)
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(dev.unideploy.spi.Status.SUCCEEDED));

        a.add("app-a", "run", Lifecycle.inProgress("running", null), Instant.now());
        client.post()
                .uri("/v1/deployments/fake-a:run/cancel")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled")
                .jsonPath("$.providerStatus")
                .isEqualTo("error");
        client.get()
                .uri("/v1/deployments/fake-a:run")
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
    }

    @Test
    @DisplayName("a deployment the provider drops when cancelled still reads as cancelled, not 404")
    void cancelledAndGone() {
        a.dropOnCancel = true;
        a.add("app-a", "waiting", Lifecycle.queued("queued"), Instant.now());
        client.post()
                .uri("/v1/deployments/fake-a:waiting/cancel")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
        client.get()
                .uri("/v1/deployments/fake-a:waiting")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
        client.get()
                .uri("/v1/deployments/fake-a:never-was")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    @DisplayName("the same Idempotency-Key replays the first response; with another body it answers 422")
    void idempotency() {
        Map<String, Object> body = Map.of("appId", "fake-a:app-a");
        Map<?, ?> first = trigger(body, "key-1")
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> replayed = trigger(body, "key-1")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(replayed).isEqualTo(first);
        assertThat(a.calls("trigger")).isEqualTo(1);
        trigger(Map.of("appId", "fake-a:app-b"), "key-1")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency_key_reused");
        assertThat(a.calls("trigger")).isEqualTo(1);
    }

    @Test
    @DisplayName("a client with a rate limit gets its limit, then 429 with Retry-After; other clients are unaffected")
    void rateLimit() {
        a.add("app-a", "r1", Lifecycle.succeeded("finished"), Instant.parse("2026-11-01T00:00:00Z"));
        WebTestClient limited = client.mutate()
                .defaultHeader("Authorization", "Bearer " + LIMITED_KEY)
                .build();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            remaining.add(limited.get()
                    .uri("/v1/deployments/fake-a:r1")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("RateLimit-Limit", "3")
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("RateLimit-Remaining"));
        }
        int callsBefore = a.calls("get");
        limited.get()
                .uri("/v1/deployments/fake-a:r1")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value("Retry-After", retry -> assertThat(Long.parseLong(retry)).isBetween(1L, 20L))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");

        assertThat(remaining).containsExactly("2", "1", "0");
        assertThat(a.calls("get")).as("a refused request reaches no provider").isEqualTo(callsBefore);
        client.get()
                .uri("/v1/deployments/fake-a:r1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("RateLimit-Limit");
    }

    private WebTestClient.ResponseSpec trigger(Map<String, Object> body, String key) {
        return client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .bodyValue(body)
                .exchange();
    }

    @Test
    @DisplayName("the merged list is newest first across providers and its cursor pages never repeat or drop an item")
    void mergedList() {
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 23; i++) {
            a.add("app-a", "a" + i, Lifecycle.succeeded("finished"), base.plusSeconds(i * 7L));
            b.add("app-a", "b" + i, Lifecycle.failed("failed"), base.plusSeconds(i * 5L + 1));
        }
        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = cursor == null
                    ? "/v1/deployments?appId=fake-a:app-a&appId=fake-b:app-a&limit=7"
                    : "/v1/deployments?limit=7&cursor=" + cursor;
            Map<?, ?> page = client.get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            for (Object item : (List<?>) page.get("items")) {
                Map<?, ?> deployment = (Map<?, ?>) item;
                seen.add((String) deployment.get("id"));
                times.add(Instant.parse((String) deployment.get("createdAt")));
            }
            assertThat((List<?>) page.get("errors")).isEmpty();
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).hasSize(46).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).hasSize(46);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }
    }

    @Test
    @DisplayName("a status filter that matches nothing for pages still pages on to the end (found by schemathesis)")
    void filterMatchingNothing() {
        Instant base = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < 230; i++) {
            a.add("app-a", "s" + i, Lifecycle.succeeded("finished"), base.plusSeconds(i));
        }
        a.add("app-a", "q0", Lifecycle.queued("queued"), base.minusSeconds(10));
        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = cursor == null
                    ? "/v1/deployments?appId=fake-a:app-a&status=queued&limit=5"
                    : "/v1/deployments?limit=5&cursor=" + cursor;
            Map<?, ?> page = client.get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> found.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(found).containsExactly("fake-a:q0");
    }

    @Test
    @DisplayName("two apps read only partly stay newest first: nothing is served past the newest point either stopped")
    void partlyReadAppsKeepTheOrder() {
        Instant base = Instant.parse("2026-09-01T00:00:00Z");
        for (int i = 0; i < 250; i++) {
            // app-a: 1000..1249 s, queued at 1200 (in its first 200 rows) and 1005 (beyond them)
            int a1 = 1000 + i;
            a.add(
                    "app-a",
                    "a" + a1,
                    a1 == 1200 || a1 == 1005 ? Lifecycle.queued("queued") : Lifecycle.succeeded("done"),
                    base.plusSeconds(a1));
            // app-b: 600..849 s, queued at 800 (in its first 200 rows)
            int b1 = 600 + i;
            a.add(
                    "app-b",
                    "b" + b1,
                    b1 == 800 ? Lifecycle.queued("queued") : Lifecycle.succeeded("done"),
                    base.plusSeconds(b1));
        }
        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = cursor == null
                    ? "/v1/deployments?appId=fake-a:app-a&appId=fake-a:app-b&status=queued&limit=5"
                    : "/v1/deployments?limit=5&cursor=" + cursor;
            Map<?, ?> page = client.get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> found.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(found).containsExactly("fake-a:a1200", "fake-a:a1005", "fake-a:b800");
    }

    @Test
    @DisplayName("a traffic split list with a null entry is 400, not a server error (found by schemathesis)")
    void nullSplit() {
        client.put()
                .uri("/v1/apps/fake-a:app-a/traffic")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"splits\": [null]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("a failing provider is reported in errors while the others' items still come back")
    void partialFailure() {
        a.add("app-a", "a1", Lifecycle.succeeded("finished"), Instant.now());
        b.failing = true;
        client.get()
                .uri("/v1/deployments?appId=fake-a:app-a&appId=fake-b:app-a")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo("fake-a:a1")
                .jsonPath("$.errors[0].provider")
                .isEqualTo("fake-b")
                .jsonPath("$.errors[0].code")
                .isEqualTo("provider_unavailable");
    }

    @Test
    @DisplayName("waitFor=terminal returns as soon as the deployment is terminal")
    void waitsForTerminal() {
        a.add("app-a", "w1", Lifecycle.inProgress("running", null), Instant.now());
        new Thread(() -> {
                    sleep(400);
                    a.set("w1", Lifecycle.succeeded("finished"));
                })
                .start();
        client.get()
                .uri("/v1/deployments/fake-a:w1?waitFor=terminal&timeoutSeconds=10")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("succeeded")
                .jsonPath("$.terminal")
                .isEqualTo(true);
        client.get()
                .uri("/v1/deployments/fake-a:w1?waitFor=terminal&timeoutSeconds=1")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    @DisplayName("scopes and the provider allowlist answer 403")
    void scopes() {
        client.post()
                .uri("/v1/deployments")
                .header("Authorization", "Bearer " + READER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", "fake-a:app-a"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        b.add("app-a", "b1", Lifecycle.succeeded("finished"), Instant.now());
        client.get()
                .uri("/v1/deployments/fake-b:b1")
                .header("Authorization", "Bearer " + READER_KEY)
                .exchange()
                .expectStatus()
                .isForbidden();
        client.get()
                .uri("/v1/providers")
                .header("Authorization", "Bearer " + READER_KEY)
                .exchange()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1);
        assertThat(a.calls("trigger") + b.calls("get")).isZero();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
