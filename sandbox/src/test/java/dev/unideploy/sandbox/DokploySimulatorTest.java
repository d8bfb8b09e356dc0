package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DokploySimulatorTest {

    private final SimulatedProvider dokploy = SandboxFixture.sandbox().provider("dokploy");

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        return send(request.header("x-api-key", "sandbox"));
    }

    private static JsonNode rowTitled(URI base, String app, String title) {
        for (JsonNode row : json(call(get(base, "/deployment.all?applicationId=" + app)))) {
            if (row.get("title").asString().equals(title)) {
                return row;
            }
        }
        return null;
    }

    private static void deploy(URI base, String app, String title) {
        HttpResponse<String> response = call(post(
                base,
                "/application.deploy",
                "{\"applicationId\":\"" + app + "\",\"title\":\"" + title + "\",\"description\":\"d-" + title + "\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void deployReturnsNothingAndTheTitledRowEndsDone() {
        String title = "unideploy-" + UUID.randomUUID();
        deploy(dokploy.baseUrl(), "dok-web", title);

        Http.await(Duration.ofSeconds(5), () -> {
            JsonNode row = rowTitled(dokploy.baseUrl(), "dok-web", title);
            return row != null && row.get("status").asString().equals("done");
        });
        JsonNode row = rowTitled(dokploy.baseUrl(), "dok-web", title);
        assertThat(row.get("description").asString()).isEqualTo("d-" + title);
        assertThat(row.get("deploymentId").asString()).matches("[A-Za-z0-9_-]{21}");
    }

    @Test
    void queuedJobSitsInQueueListBeforeARunningRowAppears() {
        SimulatedProvider slow = SandboxFixture.slow().provider("dokploy");
        String title = "unideploy-" + UUID.randomUUID();
        deploy(slow.baseUrl(), "dok-web", title);

        JsonNode queue = json(call(get(slow.baseUrl(), "/deployment.queueList")));
        assertThat(queue.valueStream()
                        .anyMatch(job ->
                                job.get("data").get("titleLog").asString().equals(title)))
                .isTrue();
        assertThat(rowTitled(slow.baseUrl(), "dok-web", title)).isNull();
    }

    @Test
    void brokenAppEndsInError() {
        String title = "unideploy-" + UUID.randomUUID();
        deploy(dokploy.baseUrl(), "dok-broken", title);

        Http.await(Duration.ofSeconds(5), () -> {
            JsonNode row = rowTitled(dokploy.baseUrl(), "dok-broken", title);
            return row != null && row.get("status").asString().equals("error");
        });
    }

    @Test
    void bearerTokenIsUnauthorized() {
        HttpResponse<String> response =
                send(get(dokploy.baseUrl(), "/project.all").header("Authorization", "Bearer sandbox"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void missingApplicationIdIsAZodError() {
        HttpResponse<String> response = call(post(dokploy.baseUrl(), "/application.deploy", "{}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(json(response).get("message").asString()).contains("applicationId");
        assertThat(json(response).get("issues").get(0).get("message").asString())
                .isEqualTo("Required");
    }

    @Test
    void killProcessMarksTheRunningRowErrorAndRemoveDeletesIt() {
        SimulatedProvider slow = SandboxFixture.slow().provider("dokploy");
        String title = "unideploy-" + UUID.randomUUID();
        deploy(slow.baseUrl(), "dok-web", title);
        Http.await(Duration.ofSeconds(8), () -> rowTitled(slow.baseUrl(), "dok-web", title) != null);
        String id =
                rowTitled(slow.baseUrl(), "dok-web", title).get("deploymentId").asString();

        assertThat(call(post(slow.baseUrl(), "/deployment.killProcess", "{\"deploymentId\":\"" + id + "\"}"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(rowTitled(slow.baseUrl(), "dok-web", title).get("status").asString())
                .isEqualTo("error");
        HttpResponse<String> again =
                call(post(slow.baseUrl(), "/deployment.killProcess", "{\"deploymentId\":\"" + id + "\"}"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("message").asString()).isEqualTo("Deployment is not running");

        call(post(slow.baseUrl(), "/deployment.removeDeployment", "{\"deploymentId\":\"" + id + "\"}"));
        assertThat(rowTitled(slow.baseUrl(), "dok-web", title)).isNull();
    }

    @Test
    void readLogsReturnsTheTailAsAString() {
        JsonNode row = json(call(get(dokploy.baseUrl(), "/deployment.all?applicationId=dok-web")))
                .get(0);
        Http.await(
                Duration.ofSeconds(5),
                () -> !json(call(get(dokploy.baseUrl(), "/deployment.all?applicationId=dok-web")))
                        .get(0)
                        .get("status")
                        .asString()
                        .equals("running"));

        JsonNode logs = json(call(get(
                dokploy.baseUrl(),
                "/deployment.readLogs?deploymentId=" + row.get("deploymentId").asString() + "&tail=2")));

        assertThat(logs.isString()).isTrue();
        assertThat(logs.asString().split("\n")).hasSize(2);
    }

    @Test
    void keepsOnlyTheTenMostRecentRows() {
        for (int i = 0; i < 12; i++) {
            deploy(dokploy.baseUrl(), "dok-broken", "bulk-" + i);
        }
        Http.await(
                Duration.ofSeconds(5),
                () -> json(call(get(dokploy.baseUrl(), "/deployment.queueList")))
                        .isEmpty());

        assertThat(json(call(get(dokploy.baseUrl(), "/deployment.all?applicationId=dok-broken")))
                        .size())
                .isEqualTo(10);
    }

    @Test
    void logSocketStreamsRawTextAndDoesNotCloseWhenDone() throws Exception {
        String title = "unideploy-" + UUID.randomUUID();
        deploy(dokploy.baseUrl(), "dok-web", title);
        Http.await(Duration.ofSeconds(5), () -> rowTitled(dokploy.baseUrl(), "dok-web", title) != null);
        String logPath =
                rowTitled(dokploy.baseUrl(), "dok-web", title).get("logPath").asString();
        URI uri = URI.create("ws://127.0.0.1:" + dokploy.port() + "/listen-deployment?logPath="
                + java.net.URLEncoder.encode(logPath, java.nio.charset.StandardCharsets.UTF_8));

        SocketRecorder socket = SocketRecorder.connect(uri, Map.of("x-api-key", "sandbox"));

        Http.await(Duration.ofSeconds(5), () -> socket.text().contains("Docker Deployed: ✅"));
        assertThat(socket.text()).startsWith("Initializing deployment\n").doesNotContain("{");
        Thread.sleep(500);
        assertThat(socket.closed).isNotDone();
        socket.close();
    }

    @Test
    void logSocketRefusesAMissingKey() {
        URI uri = URI.create("ws://127.0.0.1:" + dokploy.port() + "/listen-deployment?logPath=x");

        assertThatThrownBy(() -> SocketRecorder.connect(uri, Map.of()))
                .rootCause()
                .hasMessageContaining("401");
    }

    @Test
    void logSocketClosesWith4000OnAnUnknownLogPath() throws Exception {
        URI uri = URI.create(
                "ws://127.0.0.1:" + dokploy.port() + "/listen-deployment?logPath=/etc/dokploy/logs/nope.log");

        SocketRecorder socket = SocketRecorder.connect(uri, Map.of("x-api-key", "sandbox"));

        assertThat(socket.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4000);
    }
}
