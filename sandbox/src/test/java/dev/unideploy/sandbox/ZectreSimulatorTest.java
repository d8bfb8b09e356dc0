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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ZectreSimulatorTest {

    private final SimulatedProvider zectre = SandboxFixture.sandbox().provider("zectre");
    private final URI base = zectre.baseUrl();

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        return send(request.header("X-API-Key", "sandbox"));
    }

    private JsonNode create(URI on, String app, String body) {
        HttpResponse<String> response = call(post(on, "/apps/" + app + "/deployments", body));
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response);
    }

    private JsonNode fetch(URI on, String id) {
        return json(call(get(on, "/deployments/" + id)));
    }

    @Test
    void createdDeploymentRunsWhileTasksComeUpThenSucceeds() {
        JsonNode created = create(base, "zec-web", "{\"environment\":\"staging\",\"replicas\":2}");
        String id = created.get("id").asString();

        Http.await(
                Duration.ofSeconds(5),
                () -> fetch(base, id).get("status").asString().equals("succeeded"));
        JsonNode done = fetch(base, id);
        assertThat(done.get("tasks_ready").asInt()).isEqualTo(2);
        assertThat(done.get("tasks_total").asInt()).isEqualTo(2);
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("environment_slug").asString()).isEqualTo("staging");
        assertThat(json(call(get(base, "/deployments/" + id + "/logs"))).get(0).has("message"))
                .isTrue();
    }

    @Test
    void newDeploymentStartsPendingWithNoTaskReady() {
        JsonNode created = create(SandboxFixture.slow().provider("zectre").baseUrl(), "zec-web", "{\"replicas\":2}");

        assertThat(created.get("status").asString()).isEqualTo("pending");
        assertThat(created.get("tasks_ready").asInt()).isZero();
        assertThat(created.get("tasks_total").asInt()).isEqualTo(2);
        assertThat(created.get("progress").asInt()).isZero();
    }

    @Test
    void brokenAppFails() {
        String id = create(base, "zec-broken", "{}").get("id").asString();

        Http.await(
                Duration.ofSeconds(5),
                () -> fetch(base, id).get("status").asString().equals("failed"));
    }

    @Test
    void wrongKeyIsRejectedAndBearerIsAccepted() {
        HttpResponse<String> wrong = send(get(base, "/apps").header("X-API-Key", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");

        assertThat(send(get(base, "/apps").header("Authorization", "Bearer sandbox"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void listPagesWithAVersionCursor() {
        create(base, "zec-web", "{}");
        JsonNode first = json(call(get(base, "/apps/zec-web/deployments?page_size=2")));
        assertThat(first.get("deployments").size()).isEqualTo(2);
        String token = first.get("next_page_token").asString();
        int lastVersion = first.get("deployments").get(1).get("version").asInt();
        assertThat(token).isEqualTo(String.valueOf(lastVersion));

        JsonNode second = json(call(get(base, "/apps/zec-web/deployments?page_size=2&page_token=" + token)));

        assertThat(second.get("deployments").get(0).get("version").asInt()).isLessThan(lastVersion);
    }

    @Test
    void flatListIsPageBased() {
        JsonNode page = json(call(get(base, "/deployments?app_id=zec-broken&page=2&page_size=2")));

        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("data").valueStream().map(d -> d.get("app_id").asString()))
                .containsOnly("zec-broken");
    }

    @Test
    void patchScalesInPlaceAndPromoteCreatesADeploymentInTheTargetEnvironment() {
        String id = create(base, "zec-web", "{\"environment\":\"staging\"}")
                .get("id")
                .asString();
        Http.await(
                Duration.ofSeconds(5),
                () -> fetch(base, id).get("status").asString().equals("succeeded"));

        HttpResponse<String> patched = call(HttpRequest.newBuilder(URI.create(base + "/deployments/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":3}}")));
        assertThat(json(patched).get("tasks_total").asInt()).isEqualTo(3);
        assertThat(json(patched).get("id").asString()).isEqualTo(id);

        HttpResponse<String> promoted = call(post(
                base, "/deployments/" + id + "/promote", "{\"strategy\":\"instant\",\"environment\":\"production\"}"));
        assertThat(promoted.statusCode()).isEqualTo(201);
        String newId = json(promoted).get("deployment_id").asString();
        assertThat(newId).isNotEqualTo(id);
        assertThat(fetch(base, newId).get("environment_slug").asString()).isEqualTo("production");
    }

    @Test
    void cancelStopsAPendingDeployment() {
        URI slow = SandboxFixture.slow().provider("zectre").baseUrl();
        String id = create(slow, "zec-web", "{}").get("id").asString();

        HttpResponse<String> cancelled = call(post(slow, "/deployments/" + id + "/cancel", ""));

        assertThat(json(cancelled).get("status").asString()).isEqualTo("cancelled");
        assertThat(call(post(slow, "/deployments/" + id + "/cancel", "")).statusCode())
                .isEqualTo(409);
        assertThat(call(get(slow, "/deployments/nope")).statusCode()).isEqualTo(404);
    }

    @Test
    void logStreamSendsSseEntriesAndEndsWhenTerminal() throws Exception {
        String id = create(base, "zec-web", "{}").get("id").asString();

        HttpResponse<java.util.stream.Stream<String>> response = Http.CLIENT
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/deployments/" + id + "/logs/stream"))
                                .header("X-API-Key", "sandbox")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(5, TimeUnit.SECONDS);

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events =
                response.body().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events).hasSizeGreaterThan(3);
        assertThat(Json.MAPPER
                        .readTree(events.get(events.size() - 1).substring(6))
                        .get("message")
                        .asString())
                .isEqualTo("Deployment succeeded");
    }
}
