package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DooorSimulatorTest {

    private final SimulatedProvider dooor = SandboxFixture.sandbox().provider("dooor");
    private final URI ws = URI.create(dooor.baseUrl() + "/workspaces/ws_sandbox");

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        return send(request.header("Authorization", "Bearer sandbox"));
    }

    private JsonNode deploy(String app) {
        HttpResponse<String> response = call(post(ws, "/deploy", "{\"appId\":\"" + app + "\"}"));
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response);
    }

    private String status(String id) {
        return json(call(get(ws, "/deploy/" + id))).get("status").asString();
    }

    @Test
    void deploymentGoesFromQueuedToSucceededWithLogsAndRuntime() {
        String id = deploy("door-web").get("id").asString();

        Http.await(Duration.ofSeconds(5), () -> status(id).equals("succeeded"));
        JsonNode logs = json(call(get(ws, "/deploy/" + id + "/logs"))).get("logs");
        assertThat(logs.isArray()).isTrue();
        assertThat(logs.get(0).isString()).isTrue();
        JsonNode runtime = json(call(get(ws, "/deploy/" + id + "/runtime-status")));
        assertThat(runtime.get("phase").asString()).isEqualTo("Running");
        assertThat(runtime.get("ready").asInt()).isEqualTo(runtime.get("total").asInt());
    }

    @Test
    void newDeploymentStartsQueued() {
        URI slow = URI.create(SandboxFixture.slow().provider("dooor").baseUrl() + "/workspaces/ws_sandbox");

        HttpResponse<String> created = call(post(slow, "/deploy", "{\"appId\":\"door-web\"}"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("status").asString()).isEqualTo("queued");
        assertThat(json(created).get("triggerType").asString()).isEqualTo("MANUAL");
    }

    @Test
    void brokenAppFails() {
        String id = deploy("door-broken").get("id").asString();

        Http.await(Duration.ofSeconds(5), () -> status(id).equals("failed"));
    }

    @Test
    void wrongTokenAndForeignWorkspaceAreRefusedNestStyle() {
        HttpResponse<String> wrong = send(get(ws, "/deploy").header("Authorization", "Bearer nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("statusCode").asInt()).isEqualTo(401);

        HttpResponse<String> foreign = call(get(dooor.baseUrl(), "/workspaces/ws_other/deploy"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("error").asString()).isEqualTo("Forbidden");
    }

    @Test
    void listIsPagedWithMeta() {
        JsonNode page = json(call(get(ws, "/deploy?appId=door-broken&page=1&limit=2")));

        assertThat(page.get("data").size()).isEqualTo(2);
        assertThat(page.get("meta").get("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("meta").get("totalPages").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void deploymentsCreatedInOneMillisecondAreListedInOneOrder() {
        Timeline sameInstant = Timeline.historical(Duration.ofHours(1), Duration.ofMillis(50));
        SeededApp web = new SeededApp("door-web", "web", false);
        DooorDeployment a = new DooorDeployment("dep_a", web, "MANUAL", "main", "abc", "r-1", null, false, sameInstant);
        DooorDeployment b = new DooorDeployment("dep_b", web, "MANUAL", "main", "abc", "r-2", null, false, sameInstant);

        assertThat(java.util.stream.Stream.of(a, b).sorted(DooorDeployment.NEWEST_FIRST))
                .containsExactly(b, a);
        assertThat(java.util.stream.Stream.of(b, a).sorted(DooorDeployment.NEWEST_FIRST))
                .containsExactly(b, a);
    }

    @Test
    void scaleAcceptsZeroToTen() {
        assertThat(call(post(ws, "/deploy/scale", "{\"appId\":\"door-web\",\"replicas\":11}"))
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> scaled = call(post(ws, "/deploy/scale", "{\"appId\":\"door-web\",\"replicas\":3}"));

        assertThat(scaled.statusCode()).isEqualTo(201);
        assertThat(json(scaled).get("status").asString()).isEqualTo("scaling");
        assertThat(json(scaled).get("requestedReplicas").asInt()).isEqualTo(3);
    }

    @Test
    void rollbackCreatesADeployingDeploymentThatNamesItsTarget() {
        JsonNode target = json(call(get(ws, "/deploy?appId=door-web&status=succeeded&limit=1")))
                .get("data")
                .get(0);

        HttpResponse<String> rolled =
                call(post(ws, "/deploy/" + target.get("id").asString() + "/rollback", ""));

        assertThat(rolled.statusCode()).isEqualTo(201);
        assertThat(json(rolled).get("status").asString()).isEqualTo("deploying");
        assertThat(json(rolled).get("rolledBackFrom").asString())
                .isEqualTo(target.get("id").asString());
        String id = json(rolled).get("id").asString();
        Http.await(Duration.ofSeconds(5), () -> status(id).equals("succeeded"));
    }

    @Test
    void trafficMustSumToHundredAndAcceptsTheMcpRevisionId() {
        JsonNode revisions = json(call(get(ws, "/deploy/apps/door-broken/revisions")));
        String revision = revisions.get(0).get("revisionName").asString();

        HttpResponse<String> bad = call(post(
                ws,
                "/deploy/apps/door-broken/traffic",
                "{\"splits\":[{\"revisionName\":\"" + revision + "\",\"percent\":90}]}"));
        assertThat(bad.statusCode()).isEqualTo(400);

        HttpResponse<String> good = call(post(
                ws,
                "/deploy/apps/door-broken/traffic",
                "{\"splits\":[{\"revisionId\":\"" + revision + "\",\"percent\":100}]}"));
        assertThat(good.statusCode()).isEqualTo(201);
        assertThat(json(call(post(ws, "/deploy/revisions/" + revision + "/promote", "")))
                        .get("trafficPercent")
                        .asInt())
                .isEqualTo(100);
        assertThat(json(call(get(ws, "/deploy/apps/door-broken/revisions")))
                        .get(0)
                        .get("trafficPercent")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void thereIsNoCancelRoute() {
        String id = deploy("door-web").get("id").asString();

        HttpResponse<String> response = call(post(ws, "/deploy/" + id + "/cancel", ""));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asString())
                .startsWith("Cannot POST /api/v1/workspaces/ws_sandbox/deploy/");
    }
}
