package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a web page gets: CORS for configured origins only, the dashboard's session cookie, stream tickets. */
class BrowserAccessTest extends SandboxGatewayTest {

    private static final String ORIGIN = "https://backstage.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebTestClient web;

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    @DisplayName("a preflight from a configured origin is answered before authentication; another origin gets nothing")
    void preflight() {
        web.options()
                .uri("/v1/deployments")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization", "idempotency-key"));
        web.options()
                .uri("/v1/deployments")
                .header(HttpHeaders.ORIGIN, "https://evil.example.net")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        web.get()
                .uri("/v1/providers")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer sandbox")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("Location", "X-Request-Id"));
    }

    @Test
    @DisplayName("the dashboard is served at / without credentials and opens signed in with the sandbox client")
    void dashboardOpensSignedIn() {
        web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html)
                        .contains("<title>Unideploy</title>", "/dashboard/app.js")
                        .doesNotContain("http://", "https://"));
        ResponseCookie cookie = sessionCookie();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        web.get()
                .uri("/v1/providers")
                .cookie(cookie.getName(), cookie.getValue())
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    @DisplayName("a cookie alone never writes: without the dashboard's header the provider receives nothing")
    void cookieWritesNeedTheDashboardHeader() {
        ResponseCookie cookie = sessionCookie();
        var coolify = sandbox.sandbox().provider("coolify").server();
        int before = deployCalls(coolify);
        web.post()
                .uri("/v1/deployments")
                .cookie(cookie.getName(), cookie.getValue())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"coolify:cool-web\"}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(deployCalls(coolify)).isEqualTo(before);
        web.post()
                .uri("/v1/deployments")
                .cookie(cookie.getName(), cookie.getValue())
                .header("X-Requested-With", "unideploy-dashboard")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"coolify:cool-web\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(deployCalls(coolify)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("a tampered or foreign session cookie is no session")
    void tamperedCookie() {
        ResponseCookie cookie = sessionCookie();
        String value = cookie.getValue();
        String tampered = value.substring(0, value.length() - 2) + (value.endsWith("A") ? "BB" : "AA");
        web.get()
                .uri("/v1/providers")
                .cookie(cookie.getName(), tampered)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/v1/providers")
                .cookie(cookie.getName(), "v1.e30.AAAA")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    @DisplayName("a stream ticket opens its one event stream with plain EventSource semantics, nothing else")
    void streamTicket() {
        String id = trigger();
        String path = "/v1/deployments/" + id + "/events";
        JsonNode ticket = JSON.readTree(web.post()
                .uri("/v1/session/stream-ticket")
                .header(HttpHeaders.AUTHORIZATION, "Bearer sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"" + path + "\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        String token = ticket.get("ticket").asString();
        assertThat(ticket.get("url").asString()).isEqualTo(path + "?ticket=" + token);

        List<String> events = web.get()
                .uri(path + "?ticket=" + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .take(Duration.ofSeconds(20))
                .collectList()
                .block();
        assertThat(events).isNotEmpty();
        assertThat(String.join("\n", events)).contains("\"status\":\"succeeded\"");

        web.get()
                .uri("/v1/deployments/" + id + "?ticket=" + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/v1/deployments/" + trigger() + "/events?ticket=" + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/v1/session/stream-ticket")
                .header(HttpHeaders.AUTHORIZATION, "Bearer sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/v1/providers\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private ResponseCookie sessionCookie() {
        EntityExchangeResult<String> result = web.get()
                .uri("/v1/session")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        assertThat(JSON.readTree(result.getResponseBody()).get("client").asString())
                .isEqualTo("sandbox");
        ResponseCookie cookie = result.getResponseCookies().getFirst("unideploy_session");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie;
    }

    private String trigger() {
        String body = web.post()
                .uri("/v1/deployments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"zectre:zec-web\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("id").asString();
    }

    private static int deployCalls(com.github.tomakehurst.wiremock.WireMockServer coolify) {
        return coolify.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/v1/deploy")).build())
                .getCount();
    }
}
