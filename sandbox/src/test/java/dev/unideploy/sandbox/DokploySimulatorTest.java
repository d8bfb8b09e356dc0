package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Dokploy simulator behaves as Dokploy v0.30.2 does (PROVIDERS.md §2, "Verified against a running …"). */
class DokploySimulatorTest {

    /** Long enough that nothing started in a test finishes before its assertions. */
    private static final Duration SLOW = Duration.ofSeconds(30);

    private final List<DokploySimulator> started = new ArrayList<>();

    /** A simulator of its own: its queue is global, so tests must not share one. */
    private DokploySimulator dokploy(Duration step) {
        DokploySimulator simulator = new DokploySimulator(step);
        simulator.start(SandboxOptions.LOOPBACK, 0);
        started.add(simulator);
        return simulator;
    }

    @AfterEach
    void stop() {
        started.forEach(simulator -> simulator.server().stop());
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        return send(request.header("x-api-key", "sandbox"));
    }

    private static List<JsonNode> rows(SimulatedProvider dokploy, String app) {
        List<JsonNode> rows = new ArrayList<>();
        json(call(get(dokploy.baseUrl(), "/deployment.all?applicationId=" + app)))
                .forEach(rows::add);
        return rows;
    }

    private static @Nullable JsonNode rowTitled(SimulatedProvider dokploy, String app, String title) {
        return rows(dokploy, app).stream()
                .filter(row -> row.get("title").asString().equals(title))
                .findFirst()
                .orElse(null);
    }

    private static List<JsonNode> queue(SimulatedProvider dokploy) {
        List<JsonNode> jobs = new ArrayList<>();
        json(call(get(dokploy.baseUrl(), "/deployment.queueList"))).forEach(jobs::add);
        return jobs;
    }

    private static String deploy(SimulatedProvider dokploy, String app) {
        String title = "unideploy-" + UUID.randomUUID();
        HttpResponse<String> response = call(post(
                dokploy.baseUrl(),
                "/application.deploy",
                "{\"applicationId\":\"" + app + "\",\"title\":\"" + title + "\",\"description\":\"d-" + title + "\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        return title;
    }

    private static String state(List<JsonNode> queue, String title) {
        return queue.stream()
                .filter(job -> job.get("data").get("titleLog").asString().equals(title))
                .map(job -> job.get("state").asString())
                .findFirst()
                .orElse("absent");
    }

    @Test
    @DisplayName("deploy answers nothing; the row keeps the title while it builds, then is renamed after its commit")
    void rowIsRenamedWhenTheBuildEnds() {
        DokploySimulator dokploy = dokploy(Duration.ofMillis(100));
        String title = deploy(dokploy, "dok-web");

        JsonNode running = rowTitled(dokploy, "dok-web", title);
        assertThat(running).isNotNull();
        assertThat(running.get("status").asString()).isEqualTo("running");
        assertThat(running.get("description").asString()).isEqualTo("d-" + title);
        assertThat(running.get("pid").isNull())
                .as("no pid for application deployments")
                .isTrue();
        String id = running.get("deploymentId").asString();
        assertThat(id).matches("[A-Za-z0-9_-]{21}");

        Http.await(Duration.ofSeconds(5), () -> rowTitled(dokploy, "dok-web", title) == null);
        JsonNode done = rows(dokploy, "dok-web").stream()
                .filter(row -> row.get("deploymentId").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("title").asString()).isEqualTo("Update web landing page");
        assertThat(done.get("description").asString()).matches("Commit: [0-9a-f]{40}");
    }

    @Test
    @DisplayName("one build at a time across all applications: the others wait in queueList, newest first")
    void buildsOneDeploymentAtATime() {
        DokploySimulator dokploy = dokploy(SLOW);
        String first = deploy(dokploy, "dok-web");
        String second = deploy(dokploy, "dok-broken");
        String third = deploy(dokploy, "dok-web");

        List<JsonNode> queue = queue(dokploy);
        assertThat(queue)
                .extracting(job -> job.get("data").get("titleLog").asString())
                .containsExactly(third, second, first);
        assertThat(queue).extracting(job -> job.get("state").asString()).containsOnly("waiting", "active");
        assertThat(state(queue, first)).isEqualTo("active");
        assertThat(state(queue, second)).isEqualTo("waiting");
        assertThat(state(queue, third)).isEqualTo("waiting");
        assertThat(queue.get(2).get("id").asString()).matches("job-\\d+");
        assertThat(rowTitled(dokploy, "dok-web", first)).isNotNull();
        assertThat(rowTitled(dokploy, "dok-broken", second))
                .as("a waiting job has no row")
                .isNull();
        assertThat(rowTitled(dokploy, "dok-web", third)).isNull();
    }

    @Test
    @DisplayName("cleanQueues drops every waiting job of the application, not one; the running one and others stay")
    void cleanQueuesDropsEveryWaitingJobOfTheApp() {
        DokploySimulator dokploy = dokploy(SLOW);
        String running = deploy(dokploy, "dok-web");
        deploy(dokploy, "dok-web");
        deploy(dokploy, "dok-web");
        String other = deploy(dokploy, "dok-broken");
        assertThat(dokploy.waiting()).isEqualTo(3);

        HttpResponse<String> cleaned =
                call(post(dokploy.baseUrl(), "/application.cleanQueues", "{\"applicationId\":\"dok-web\"}"));

        assertThat(cleaned.statusCode()).isEqualTo(200);
        assertThat(dokploy.waiting()).isEqualTo(1);
        List<JsonNode> queue = queue(dokploy);
        assertThat(queue).hasSize(2);
        assertThat(state(queue, running)).isEqualTo("active");
        assertThat(state(queue, other)).isEqualTo("waiting");
    }

    @Test
    @DisplayName("killProcess on a running application deployment: 400 \"Deployment is not running\" (no pid)")
    void aRunningApplicationDeploymentCannotBeKilled() {
        DokploySimulator dokploy = dokploy(SLOW);
        String title = deploy(dokploy, "dok-web");
        String id = rowTitled(dokploy, "dok-web", title).get("deploymentId").asString();

        HttpResponse<String> kill =
                call(post(dokploy.baseUrl(), "/deployment.killProcess", "{\"deploymentId\":\"" + id + "\"}"));

        assertThat(kill.statusCode()).isEqualTo(400);
        assertThat(json(kill).get("message").asString()).isEqualTo("Deployment is not running");
        assertThat(rowTitled(dokploy, "dok-web", title).get("status").asString())
                .isEqualTo("running");
        assertThat(call(post(dokploy.baseUrl(), "/deployment.killProcess", "{\"deploymentId\":\"nope\"}"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("removeDeployment deletes even a running row; its build still holds the queue until it ends")
    void removingARunningRowLeavesTheQueueAsItWas() {
        DokploySimulator dokploy = dokploy(SLOW);
        String running = deploy(dokploy, "dok-web");
        String waiting = deploy(dokploy, "dok-web");
        String id = rowTitled(dokploy, "dok-web", running).get("deploymentId").asString();

        HttpResponse<String> removed =
                call(post(dokploy.baseUrl(), "/deployment.removeDeployment", "{\"deploymentId\":\"" + id + "\"}"));

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("deploymentId").asString()).isEqualTo(id);
        assertThat(rowTitled(dokploy, "dok-web", running)).isNull();
        assertThat(state(queue(dokploy), running)).isEqualTo("active");
        assertThat(state(queue(dokploy), waiting)).isEqualTo("waiting");
    }

    @Test
    @DisplayName("readLogs is tail -n: blank lines count; tail=0 is a 400 with Zod's issues")
    void readLogsCountsBlankLines() {
        DokploySimulator dokploy = dokploy(Duration.ofMillis(20));
        deploy(dokploy, "dok-broken");
        Http.await(Duration.ofSeconds(5), () -> queue(dokploy).isEmpty());
        String id = rows(dokploy, "dok-broken").get(0).get("deploymentId").asString();

        JsonNode two = json(call(get(dokploy.baseUrl(), "/deployment.readLogs?deploymentId=" + id + "&tail=2")));
        HttpResponse<String> zero = call(get(dokploy.baseUrl(), "/deployment.readLogs?deploymentId=" + id + "&tail=0"));

        assertThat(two.asString()).isEqualTo("\nError occurred ❌, check the logs for details.\n");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).get("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(json(zero).get("issues").get(0).get("path").get(0).asString())
                .isEqualTo("tail");
    }

    @Test
    @DisplayName("tail counts as tail -n does: a last line without its newline counts, an empty log is empty")
    void tailCountsLikeTail() {
        assertThat(DokploySimulator.tail("a\n\nb\n", 2)).isEqualTo("\nb\n");
        assertThat(DokploySimulator.tail("a\n\nb\n", 9)).isEqualTo("a\n\nb\n");
        assertThat(DokploySimulator.tail("a\nb", 1)).isEqualTo("b");
        assertThat(DokploySimulator.tail("", 3)).isEmpty();
    }

    @Test
    @DisplayName("an unknown application: deploy 404 \"Application not found\"; an owner lists no deployments of it")
    void unknownApplication() {
        DokploySimulator dokploy = dokploy(SLOW);

        HttpResponse<String> deploy =
                call(post(dokploy.baseUrl(), "/application.deploy", "{\"applicationId\":\"nope\"}"));

        assertThat(deploy.statusCode()).isEqualTo(404);
        assertThat(json(deploy).get("message").asString()).isEqualTo("Application not found");
        assertThat(rows(dokploy, "nope")).isEmpty();
        assertThat(queue(dokploy)).isEmpty();
    }

    @Test
    @DisplayName("only the 11 most recent rows per application are kept (ten, then the new one)")
    void keepsElevenRows() {
        DokploySimulator dokploy = dokploy(Duration.ZERO);
        for (int i = 0; i < 12; i++) {
            deploy(dokploy, "dok-broken");
        }

        assertThat(rows(dokploy, "dok-broken")).hasSize(DokployQueue.KEPT_ROWS);
    }

    @Test
    @DisplayName("bearer tokens are refused: only x-api-key authenticates")
    void bearerTokenIsUnauthorized() {
        DokploySimulator dokploy = dokploy(SLOW);
        HttpResponse<String> response =
                send(get(dokploy.baseUrl(), "/project.all").header("Authorization", "Bearer sandbox"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").asString()).isEqualTo("Unauthorized");
    }

    @Test
    @DisplayName("a missing applicationId is a Zod error")
    void missingApplicationIdIsAZodError() {
        DokploySimulator dokploy = dokploy(SLOW);
        HttpResponse<String> response = call(post(dokploy.baseUrl(), "/application.deploy", "{}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(json(response).get("issues").get(0).get("message").asString())
                .isEqualTo("Required");
    }

    private static URI socket(SimulatedProvider dokploy, @Nullable String logPath) {
        return URI.create("ws://127.0.0.1:" + dokploy.port() + "/listen-deployment"
                + (logPath == null ? "" : "?logPath=" + URLEncoder.encode(logPath, StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("the log socket streams raw text from the start and does not close when the build ends")
    void logSocketStreamsRawTextAndDoesNotCloseWhenDone() throws Exception {
        DokploySimulator dokploy = dokploy(Duration.ofMillis(50));
        String title = deploy(dokploy, "dok-web");
        String logPath = rowTitled(dokploy, "dok-web", title).get("logPath").asString();

        SocketRecorder socket = SocketRecorder.connect(socket(dokploy, logPath), Map.of("x-api-key", "sandbox"));

        Http.await(Duration.ofSeconds(5), () -> socket.text().contains("Docker Deployed: ✅"));
        assertThat(socket.text()).startsWith("Initializing deployment\n").doesNotContain("{");
        assertThat(rows(dokploy, "dok-web").get(0).get("status").asString()).isEqualTo("done");
        assertThat(socket.closed).as("still open after the build ended").isNotDone();
        socket.close();
    }

    @Test
    @DisplayName("an upgrade without a key is accepted, then closed with no status code (1005)")
    void logSocketWithoutKeyClosesWithoutStatus() throws Exception {
        DokploySimulator dokploy = dokploy(SLOW);
        String title = deploy(dokploy, "dok-web");
        String logPath = rowTitled(dokploy, "dok-web", title).get("logPath").asString();

        SocketRecorder socket = SocketRecorder.connect(socket(dokploy, logPath), Map.of());

        assertThat(socket.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1005);
        assertThat(socket.text()).isEmpty();
    }

    @Test
    @DisplayName("a missing or invalid logPath closes with 4000, before the key is even looked at")
    void logSocketClosesWith4000OnABadLogPath() throws Exception {
        DokploySimulator dokploy = dokploy(SLOW);

        assertThat(SocketRecorder.connect(socket(dokploy, null), Map.of("x-api-key", "sandbox"))
                        .closed
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo(4000);
        assertThat(SocketRecorder.connect(socket(dokploy, "/etc/passwd"), Map.of())
                        .closed
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo(4000);
        assertThat(SocketRecorder.connect(socket(dokploy, "/etc/dokploy/logs/../../passwd"), Map.of())
                        .closed
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo(4000);
    }

    @Test
    @DisplayName("a valid logPath without a file: tail's error, then a close with no status code")
    void logSocketOnAMissingFile() throws Exception {
        DokploySimulator dokploy = dokploy(SLOW);

        SocketRecorder socket = SocketRecorder.connect(
                socket(dokploy, "/etc/dokploy/logs/web/none.log"), Map.of("x-api-key", "sandbox"));

        assertThat(socket.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1005);
        assertThat(socket.text()).startsWith("tail error: tail: cannot open '/etc/dokploy/logs/web/none.log'");
    }
}
