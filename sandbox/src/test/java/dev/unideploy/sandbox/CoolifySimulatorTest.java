package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CoolifySimulatorTest {

    private final SimulatedProvider coolify = SandboxFixture.sandbox().provider("coolify");
    private final URI base = coolify.baseUrl();

    private HttpResponse<String> call(HttpRequest.Builder request) {
        return send(request.header("Authorization", "Bearer sandbox"));
    }

    private String status(String uuid) {
        return json(call(get(base, "/deployments/" + uuid))).get("status").asString();
    }

    @Test
    void triggeredDeploymentGoesFromQueuedToFinished() {
        HttpResponse<String> triggered = call(post(base, "/deploy", "{\"uuid\":\"cool-web\",\"force\":true}"));

        assertThat(triggered.statusCode()).isEqualTo(200);
        JsonNode first = json(triggered).get("deployments").get(0);
        assertThat(first.get("resource_uuid").asString()).isEqualTo("cool-web");
        String uuid = first.get("deployment_uuid").asString();
        Http.await(Duration.ofSeconds(5), () -> status(uuid).equals("finished"));
        JsonNode row = json(call(get(base, "/deployments/" + uuid)));
        assertThat(row.get("deployment_uuid").asString()).isEqualTo(uuid);
        assertThat(row.get("finished_at").isNull()).isFalse();
        JsonNode logs = Json.MAPPER.readTree(row.get("logs").asString());
        assertThat(logs.size()).isGreaterThan(3);
        assertThat(logs.valueStream().anyMatch(entry -> entry.get("hidden").asBoolean()))
                .isTrue();
        assertThat(logs.get(0).propertyNames())
                .contains("command", "output", "type", "timestamp", "hidden", "batch", "order");
    }

    @Test
    void newDeploymentStartsQueued() {
        URI slow = SandboxFixture.slow().provider("coolify").baseUrl();
        String uuid = json(call(post(slow, "/deploy?uuid=cool-web&force=true", "")))
                .get("deployments")
                .get(0)
                .get("deployment_uuid")
                .asString();

        JsonNode row = json(call(get(slow, "/deployments/" + uuid)));

        assertThat(row.get("status").asString()).isEqualTo("queued");
        assertThat(json(call(get(slow, "/deployments")))
                        .valueStream()
                        .map(d -> d.get("deployment_uuid").asString()))
                .contains(uuid);
    }

    @Test
    void brokenAppEndsFailed() {
        String uuid = json(call(post(base, "/deploy?uuid=cool-broken&force=true", "")))
                .get("deployments")
                .get(0)
                .get("deployment_uuid")
                .asString();

        Http.await(Duration.ofSeconds(5), () -> status(uuid).equals("failed"));
    }

    @Test
    void wrongTokenIsUnauthenticated() {
        HttpResponse<String> response = send(get(base, "/applications").header("Authorization", "Bearer nope"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").asString()).isEqualTo("Unauthenticated.");
    }

    @Test
    void getDeployIsMethodNotAllowed() {
        HttpResponse<String> response = call(get(base, "/deploy?uuid=cool-web"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(response).get("message").asString()).isEqualTo("This endpoint has changed to a POST request.");
    }

    @Test
    void secondDeployWithoutForceReturnsPhantomUuid() {
        String real = json(call(post(base, "/deploy", "{\"uuid\":\"cool-web\",\"force\":true}")))
                .get("deployments")
                .get(0)
                .get("deployment_uuid")
                .asString();

        JsonNode again = json(call(post(base, "/deploy", "{\"uuid\":\"cool-web\"}")))
                .get("deployments")
                .get(0);

        assertThat(again.get("message").asString()).isEqualTo("Deployment already queued for this commit.");
        String phantom = again.get("deployment_uuid").asString();
        assertThat(phantom).isNotEqualTo(real);
        assertThat(call(get(base, "/deployments/" + phantom)).statusCode()).isEqualTo(404);
    }

    @Test
    void cancelGivesCancelledByUserThenRefusesASecondCancel() {
        String uuid = json(call(post(base, "/deploy", "{\"uuid\":\"cool-web\",\"force\":true}")))
                .get("deployments")
                .get(0)
                .get("deployment_uuid")
                .asString();

        HttpResponse<String> cancelled = call(post(base, "/deployments/" + uuid + "/cancel", ""));

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("cancelled-by-user");
        assertThat(status(uuid)).isEqualTo("cancelled-by-user");
        assertThat(call(post(base, "/deployments/" + uuid + "/cancel", "")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void historyPagesWithSkipAndTakeNewestFirst() {
        JsonNode page = json(call(get(base, "/deployments/applications/cool-broken?skip=1&take=1")));

        assertThat(page.get("count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("deployments").size()).isEqualTo(1);
        assertThat(call(get(base, "/deployments/applications/nope")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void timestampsAreWholeSecondsAndRowsOfOneSecondAreOrderedByTheirId() {
        // Laravel timestamps() columns: two deployments queued in the same second share created_at.
        JsonNode newest = null;
        JsonNode previous = null;
        for (int tries = 0; tries < 10 && (newest == null || !sameSecond(newest, previous)); tries++) {
            call(post(base, "/deploy?uuid=cool-web&force=true", ""));
            call(post(base, "/deploy?uuid=cool-web&force=true", ""));
            JsonNode rows = json(call(get(base, "/deployments/applications/cool-web?skip=0&take=2")))
                    .get("deployments");
            newest = rows.get(0);
            previous = rows.get(1);
        }

        assertThat(newest.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000000Z");
        assertThat(sameSecond(newest, previous)).isTrue();
        assertThat(newest.get("id").asInt()).isGreaterThan(previous.get("id").asInt());
    }

    private static boolean sameSecond(JsonNode a, JsonNode b) {
        return a.get("created_at").asString().equals(b.get("created_at").asString());
    }

    @Test
    void rollbackAcceptsOnlyCommit() {
        HttpResponse<String> extra =
                call(post(base, "/applications/cool-web/rollback", "{\"commit\":\"abc\",\"x\":1}"));
        assertThat(extra.statusCode()).isEqualTo(422);
        assertThat(json(extra).get("errors").has("x")).isTrue();

        HttpResponse<String> ok = call(post(base, "/applications/cool-web/rollback", "{\"commit\":\"abc\"}"));
        assertThat(ok.statusCode()).isEqualTo(200);
        String uuid = json(ok).get("deployment_uuid").asString();
        assertThat(json(call(get(base, "/deployments/" + uuid))).get("rollback").asBoolean())
                .isTrue();
    }

    @Test
    void rollbackImagesListFinishedTagsWithTheCurrentOne() {
        JsonNode images = json(call(get(base, "/applications/cool-broken/rollback-images")));

        assertThat(images.get("images").size()).isGreaterThanOrEqualTo(1);
        assertThat(images.get("images").get(0).get("is_current").asBoolean()).isTrue();
        assertThat(images.get("images").get(0).get("tag").asString())
                .isEqualTo(images.get("current").asString());
    }

    @Test
    void fullQueueAnswers429WithRetryAfter() {
        Sandbox sandbox = SandboxFixture.sandbox();
        sandbox.coolifyQueueLimit(0);
        try {
            HttpResponse<String> response = call(post(base, "/deploy", "{\"uuid\":\"cool-web\",\"force\":true}"));

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
        } finally {
            sandbox.coolifyQueueLimit(25);
        }
    }

    @Test
    void adminApiCountsRequestsAndInjectedStubOverridesTheSimulator() {
        var admin = new WireMock(coolify.port());
        int before = admin.find(WireMock.getRequestedFor(WireMock.urlEqualTo("/api/v1/applications")))
                .size();
        call(get(base, "/applications"));
        assertThat(admin.find(WireMock.getRequestedFor(WireMock.urlEqualTo("/api/v1/applications")))
                        .size())
                .isEqualTo(before + 1);

        StubMapping fault = admin.register(WireMock.get("/api/v1/version")
                .willReturn(WireMock.aResponse().withStatus(503).withBody("down")));
        try {
            assertThat(call(get(base, "/version")).statusCode()).isEqualTo(503);
        } finally {
            admin.removeStubMapping(fault);
        }
        assertThat(call(get(base, "/version")).body()).isEqualTo("4.3.11");
    }
}
