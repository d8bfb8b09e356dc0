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
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MistSimulatorTest {

    private final SimulatedProvider mist = SandboxFixture.sandbox().provider("mist");

    static String login(URI base) {
        HttpResponse<String> response =
                send(post(base, "/auth/login", "{\"email\":\"sandbox@unideploy.dev\",\"password\":\"sandbox\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mist_token=");
        String token = cookie.substring("mist_token=".length(), cookie.indexOf(';'));
        assertThat(token.split("\\.")).hasSize(3);
        return "mist_token=" + token;
    }

    static HttpResponse<String> call(HttpRequest.Builder request, String cookie) {
        return send(request.header("Cookie", cookie));
    }

    static JsonNode deploy(URI base, String cookie, int app) {
        HttpResponse<String> response = call(post(base, "/deployments", "{\"appId\":" + app + "}"), cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    static JsonNode row(URI base, String cookie, int app, long id) {
        for (JsonNode row : json(call(post(base, "/deployments/getByAppId", "{\"appId\":" + app + "}"), cookie))
                .get("data")) {
            if (row.get("id").asLong() == id) {
                return row;
            }
        }
        throw new AssertionError("no deployment " + id);
    }

    static String status(URI base, String cookie, int app, long id) {
        return row(base, cookie, app, id).get("status").asString();
    }

    @Test
    void loginThenDeployReachesSuccessAndLogsAreServedOnceFinished() {
        String cookie = login(mist.baseUrl());
        JsonNode created = deploy(mist.baseUrl(), cookie, 1);
        assertThat(created.has("success")).isFalse();
        long id = created.get("id").asLong();
        assertThat(id).isBetween(0L, 999_999L);

        Http.await(
                Duration.ofSeconds(5),
                () -> status(mist.baseUrl(), cookie, 1, id).equals("success"));
        JsonNode logs = json(call(get(mist.baseUrl(), "/deployments/logs?id=" + id), cookie));
        assertThat(logs.get("success").asBoolean()).isTrue();
        assertThat(logs.get("data").get("logs").asString())
                .contains("{\"stream\":\"Successfully built 4f3c2b1a0d9e\\n\"}\r\n");
        assertThat(logs.get("data").get("deployment").get("progress").asInt()).isEqualTo(100);
    }

    @Test
    void brokenAppFails() {
        String cookie = login(mist.baseUrl());
        long id = deploy(mist.baseUrl(), cookie, 2).get("id").asLong();

        Http.await(
                Duration.ofSeconds(5),
                () -> status(mist.baseUrl(), cookie, 2, id).equals("failed"));
        JsonNode row = row(mist.baseUrl(), cookie, 2, id);
        assertThat(row.get("progress").asInt())
                .as("a failure writes progress 0")
                .isZero();
        assertThat(row.get("error_message").asString()).startsWith("Deployment failed: build image failed: ");
    }

    @Test
    void withoutTheCookieOrWithAWrongPasswordItAnswers401Envelopes() {
        HttpResponse<String> anonymous = send(get(mist.baseUrl(), "/projects/getAll"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("success").asBoolean()).isFalse();
        assertThat(json(anonymous).get("data").isNull()).isTrue();

        HttpResponse<String> wrong = send(
                post(mist.baseUrl(), "/auth/login", "{\"email\":\"sandbox@unideploy.dev\",\"password\":\"nope\"}"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void appsAreListedPerProject() {
        String cookie = login(mist.baseUrl());
        JsonNode projects = json(call(get(mist.baseUrl(), "/projects/getAll"), cookie));
        int project = projects.get("data").get(0).get("id").asInt();

        JsonNode apps =
                json(call(post(mist.baseUrl(), "/apps/getByProjectId", "{\"projectId\":" + project + "}"), cookie));

        assertThat(apps.get("data").valueStream().map(app -> app.get("name").asString()))
                .containsExactly("web", "broken");
    }

    @Test
    void inProgressLogsPointToTheSocketAndStopDepStops() {
        URI slow = SandboxFixture.slow().provider("mist").baseUrl();
        String cookie = login(slow);
        long id = deploy(slow, cookie, 1).get("id").asLong();

        assertThat(status(slow, cookie, 1, id)).isEqualTo("pending");
        HttpResponse<String> early = call(get(slow, "/deployments/logs?id=" + id), cookie);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(json(early).get("message").asString())
                .isEqualTo("deployment is still in progress, use WebSocket endpoint");

        HttpResponse<String> stopped =
                call(post(slow, "/deployments/stopDep", "{\"deploymentId\":" + id + "}"), cookie);
        assertThat(json(stopped).get("success").asBoolean()).isTrue();
        assertThat(status(slow, cookie, 1, id)).isEqualTo("stopped");
    }

    @Test
    void socketStaysOpenAfterStopped() throws Exception {
        URI slow = SandboxFixture.slow().provider("mist").baseUrl();
        SimulatedProvider slowMist = SandboxFixture.slow().provider("mist");
        String cookie = login(slow);
        long id = deploy(slow, cookie, 1).get("id").asLong();
        SocketRecorder socket = SocketRecorder.connect(
                URI.create("ws://127.0.0.1:" + slowMist.port() + "/api/deployments/logs/stream?id=" + id), Map.of());

        call(post(slow, "/deployments/stopDep", "{\"deploymentId\":" + id + "}"), cookie);

        Http.await(Duration.ofSeconds(3), () -> socket.text().contains("\"stopped\""));
        Thread.sleep(1500);
        assertThat(socket.closed).isNotDone();
        socket.close();
    }
}
