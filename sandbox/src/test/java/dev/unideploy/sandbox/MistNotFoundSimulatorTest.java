package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.MistSimulatorTest.call;
import static dev.unideploy.sandbox.MistSimulatorTest.deploy;
import static dev.unideploy.sandbox.MistSimulatorTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a running Mist v1.0.6 answers for what it does not have, and the facts its rows never tell. */
class MistNotFoundSimulatorTest {

    private final URI base = SandboxFixture.sandbox().provider("mist").baseUrl();
    private final String cookie = login(base);

    private static void assertEnvelope(HttpResponse<String> response, int status, String message, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("message").asString()).isEqualTo(message);
        assertThat(body.get("error").asString()).isEqualTo(error);
    }

    @Test
    void anUnknownAppIsA500WhoseCauseIsInError() {
        assertEnvelope(
                call(post(base, "/deployments/getByAppId", "{\"appId\":99}"), cookie),
                500,
                "Failed to get application",
                "record not found");
        assertEnvelope(
                call(post(base, "/deployments", "{\"appId\":99}"), cookie),
                500,
                "failed to get app details",
                "record not found");
        assertEnvelope(
                call(post(base, "/deployments/getByAppId", "{}"), cookie), 400, "App ID is required", "Missing fields");
        assertThat(call(post(base, "/deployments", "{\"appId\":\"1\"}"), cookie).statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUnknownDeploymentIsA500ToStopAndA404ToItsLogs() {
        assertEnvelope(
                call(post(base, "/deployments/stopDep", "{\"deploymentId\":99999999}"), cookie),
                500,
                "Failed to get deployment details",
                "record not found");
        assertEnvelope(
                call(get(base, "/deployments/logs?id=99999999"), cookie),
                404,
                "deployment not found",
                "record not found");
        assertThat(call(get(base, "/deployments/logs?id=x"), cookie).statusCode())
                .isEqualTo(400);
    }

    @Test
    void isActiveIsNeverWrittenAndBuildLogsPathNeverFilled() {
        long id = deploy(base, cookie, 1).get("id").asLong();
        Http.await(
                Duration.ofSeconds(5),
                () -> MistSimulatorTest.status(base, cookie, 1, id).equals("success"));

        JsonNode rows = json(call(post(base, "/deployments/getByAppId", "{\"appId\":1}"), cookie))
                .get("data");

        assertThat(rows.valueStream().filter(row -> row.get("status").asString().equals("success")))
                .isNotEmpty();
        assertThat(rows.valueStream()).allSatisfy(row -> {
            assertThat(row.get("is_active").asBoolean()).isFalse();
            assertThat(row.get("build_logs_path").isNull()).isTrue();
        });
    }

    @Test
    void stopDepChecksNoStatusAndStopsAFinishedDeploymentToo() {
        long id = deploy(base, cookie, 1).get("id").asLong();
        Http.await(
                Duration.ofSeconds(5),
                () -> MistSimulatorTest.status(base, cookie, 1, id).equals("success"));

        HttpResponse<String> stopped =
                call(post(base, "/deployments/stopDep", "{\"deploymentId\":" + id + "}"), cookie);

        assertThat(json(stopped).get("message").asString()).isEqualTo("Deployment marked as stopped");
        assertThat(MistSimulatorTest.status(base, cookie, 1, id)).isEqualTo("stopped");
        assertThat(json(call(get(base, "/deployments/logs?id=" + id), cookie))
                        .get("data")
                        .get("logs")
                        .asString())
                .endsWith("deployment was stopped by user\n");
    }
}
