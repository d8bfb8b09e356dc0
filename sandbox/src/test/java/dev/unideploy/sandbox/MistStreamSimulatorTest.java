package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.MistSimulatorTest.call;
import static dev.unideploy.sandbox.MistSimulatorTest.deploy;
import static dev.unideploy.sandbox.MistSimulatorTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Mist's live stream as the real server sends it, and how it ends: never with a close frame. */
class MistStreamSimulatorTest {

    private final SimulatedProvider mist = SandboxFixture.sandbox().provider("mist");

    private static URI stream(SimulatedProvider provider, long id) {
        return URI.create("ws://127.0.0.1:" + provider.port() + "/api/deployments/logs/stream?id=" + id);
    }

    /** gorilla's conn.Close(): the TCP connection goes, no close frame (a JDK client reports 1006 or an error). */
    static boolean droppedWithoutCloseFrame(CompletableFuture<Integer> closed) throws InterruptedException {
        try {
            return closed.get(10, TimeUnit.SECONDS) == 1006;
        } catch (ExecutionException error) {
            return true;
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return false;
        }
    }

    private static List<JsonNode> frames(SocketRecorder socket, String type) {
        return socket.messages.stream()
                .map(Json.MAPPER::readTree)
                .filter(frame -> frame.get("type").asString().equals(type))
                .toList();
    }

    @Test
    void logFramesAreDecodedDockerLinesWithTheirNewlineAndTheSocketIsDroppedAfterSuccess() throws Exception {
        String cookie = login(mist.baseUrl());
        long id = deploy(mist.baseUrl(), cookie, 1).get("id").asLong();

        SocketRecorder socket = SocketRecorder.connect(stream(mist, id), Map.of());

        assertThat(droppedWithoutCloseFrame(socket.closed)).isTrue();
        List<String> lines = frames(socket, "log").stream()
                .map(frame -> frame.get("data").get("line").asString())
                .toList();
        assertThat(lines)
                .startsWith("[GIT]: Cloning into /var/lib/mist/projects/1/apps/web", "Step 1/6 : FROM node:22-alpine\n")
                .contains("Pulling from library/node: 22-alpine", "Pull complete: 6e771e15690e", " ---> 4f3c2b1a0d9e\n")
                .contains("\n")
                .noneMatch(line -> line.startsWith("{") || line.startsWith("Downloading"));
        List<String> statuses = frames(socket, "status").stream()
                .map(frame -> frame.get("data").get("status").asString())
                .toList();
        assertThat(statuses).last().isEqualTo("success");
    }

    @Test
    void aFailedBuildStreamsDockersErrorButNotTheUnterminatedLastLine() throws Exception {
        String cookie = login(mist.baseUrl());
        long id = deploy(mist.baseUrl(), cookie, 2).get("id").asLong();

        SocketRecorder socket = SocketRecorder.connect(stream(mist, id), Map.of());

        assertThat(droppedWithoutCloseFrame(socket.closed)).isTrue();
        List<JsonNode> logs = frames(socket, "log");
        JsonNode error = logs.stream()
                .filter(frame -> frame.get("data").get("line").asString().startsWith("The command"))
                .findFirst()
                .orElseThrow();
        // DetectStreamType finds no keyword in Docker's error text.
        assertThat(error.get("data").get("stream").asString()).isEqualTo("stdout");
        assertThat(logs)
                .noneMatch(frame -> frame.get("data").get("line").asString().startsWith("error deploying"));
        String file = json(call(get(mist.baseUrl(), "/deployments/logs?id=" + id), cookie))
                .get("data")
                .get("logs")
                .asString();
        assertThat(file).contains("{\"errorDetail\":{\"code\":1,").endsWith("returned a non-zero code: 1");
    }

    @Test
    void aQuietStreamIsDroppedBeforeTheDeploymentEndsWithoutACloseFrame() throws Exception {
        try (Sandbox quiet = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(30)))) {
            quiet.mistStreamPing(Duration.ofMillis(300));
            SimulatedProvider slowMist = quiet.provider("mist");
            String cookie = login(slowMist.baseUrl());
            long id = deploy(slowMist.baseUrl(), cookie, 1).get("id").asLong();

            SocketRecorder socket = SocketRecorder.connect(stream(slowMist, id), Map.of());

            assertThat(droppedWithoutCloseFrame(socket.closed)).isTrue();
            assertThat(MistSimulatorTest.status(slowMist.baseUrl(), cookie, 1, id))
                    .as("the deployment goes on")
                    .isEqualTo("pending");
            assertThat(frames(socket, "status")).hasSize(1);

            // Mist keeps the socket open after `stopped` (no terminal close): the next quiet ping drops it.
            long stoppedId = deploy(slowMist.baseUrl(), cookie, 1).get("id").asLong();
            SocketRecorder stopped = SocketRecorder.connect(stream(slowMist, stoppedId), Map.of());
            call(post(slowMist.baseUrl(), "/deployments/stopDep", "{\"deploymentId\":" + stoppedId + "}"), cookie);
            assertThat(droppedWithoutCloseFrame(stopped.closed)).isTrue();
            assertThat(frames(stopped, "status").stream()
                            .map(f -> f.get("data").get("status").asString()))
                    .containsExactly("pending", "stopped");
        }
    }

    @Test
    void anUnknownOrMalformedIdIsAnsweredBeforeTheUpgrade() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        for (String id : new String[] {"999999999", "abc"}) {
            var handshake = client.newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + mist.port() + "/api/deployments/logs/stream?id=" + id),
                            new java.net.http.WebSocket.Listener() {});
            assertThat(handshake)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOfSatisfying(
                            java.net.http.WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode())
                                    .isEqualTo(id.equals("abc") ? 400 : 404));
        }
    }
}
