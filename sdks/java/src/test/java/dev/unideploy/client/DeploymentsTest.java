package dev.unideploy.client;

import static dev.unideploy.client.StubGateway.answer;
import static dev.unideploy.client.StubGateway.deployment;
import static dev.unideploy.client.StubGateway.event;
import static dev.unideploy.client.StubGateway.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The helpers against a scripted gateway: reconnection, idempotent retries, polling fallback, typed problems. */
class DeploymentsTest {

    private static final String EVENTS = "GET /v1/deployments/stub:d1/events";
    private static final String SSE = "text/event-stream";
    private static final String PROBLEM = "application/problem+json";

    private StubGateway gateway;
    private Deployments deployments;

    @BeforeEach
    void start() throws Exception {
        gateway = new StubGateway();
        deployments = new Deployments(new ApiClient().setBasePath(gateway.url()), Duration.ofMillis(10), 3);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("follow yields typed events, and after a drop resumes with Last-Event-ID without repeating a line")
    void resumesAfterADrop() {
        gateway.on(
                EVENTS,
                answer(
                        200,
                        SSE,
                        event("0", "status", deployment("in_progress", false))
                                + ": heartbeat\n\n"
                                + event("1", "log", "{\"message\":\"one\",\"stream\":\"stdout\"}")
                                + event("2", "log", "{\"message\":\"two\"}")),
                answer(
                        200,
                        SSE,
                        event("2", "error", problem(502, "provider_error", "upstream 500"))
                                + event("3", "log", "{\"message\":\"three\"}")
                                + event("3", "end", deployment("succeeded", true))));

        List<DeploymentEvent> events =
                deployments.follow(StubGateway.ID).collectList().block(Duration.ofSeconds(10));

        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Status", "Log", "Log", "Error", "Log", "End");
        assertThat(events)
                .filteredOn(DeploymentEvent.Log.class::isInstance)
                .extracting(e -> ((DeploymentEvent.Log) e).line().getMessage())
                .containsExactly("one", "two", "three");
        DeploymentEvent.Error error = (DeploymentEvent.Error) events.get(3);
        assertThat(error.problem().code()).isEqualTo("provider_error");
        assertThat(((DeploymentEvent.End) events.get(5)).deployment().getStatus())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(gateway.requests(EVENTS))
                .extracting(request -> request.header("Last-event-id"))
                .containsExactly(null, "2");
    }

    @Test
    @DisplayName("trigger sends an Idempotency-Key, retries a 504 with the same key and reports one deployment")
    void triggerRetriesAmbiguousOutcomesWithItsKey() {
        gateway.on(
                "POST /v1/deployments",
                answer(504, PROBLEM, problem(504, "provider_timeout", "The provider did not answer in time.")),
                answer(409, PROBLEM, problem(409, "conflict", "A request with this key is in flight.")),
                answer(202, "application/json", deployment("queued", false)));

        Deployment started = deployments
                .trigger(new TriggerDeploymentRequest().appId("stub:app"))
                .block(Duration.ofSeconds(10));

        assertThat(started.getId()).isEqualTo(StubGateway.ID);
        List<String> keys = gateway.requests("POST /v1/deployments").stream()
                .map(request -> request.header("Idempotency-key"))
                .toList();
        assertThat(keys).hasSize(3).doesNotContainNull();
        assertThat(keys).containsOnly(keys.get(0));
    }

    @Test
    @DisplayName("two triggers send two different keys")
    void aKeyPerCall() {
        gateway.on("POST /v1/deployments", answer(202, "application/json", deployment("queued", false)));

        deployments.trigger(new TriggerDeploymentRequest().appId("stub:app")).block();
        deployments.trigger(new TriggerDeploymentRequest().appId("stub:app")).block();

        assertThat(gateway.requests("POST /v1/deployments"))
                .extracting(request -> request.header("Idempotency-key"))
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a 4xx refusal is a typed ProblemException with a readable message, and is not retried")
    void typedProblems() {
        gateway.on(
                "POST /v1/deployments",
                answer(404, PROBLEM, problem(404, "not_found", "App stub:nope does not exist.")));

        assertThatThrownBy(() -> deployments
                        .trigger(new TriggerDeploymentRequest().appId("stub:nope"))
                        .block())
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(404);
                    assertThat(problem.code()).isEqualTo("not_found");
                    assertThat(problem.detail()).isEqualTo("App stub:nope does not exist.");
                    assertThat(problem.requestId()).isEqualTo("req-1");
                    assertThat(problem.provider()).isEqualTo("stub");
                    assertThat(problem.getMessage())
                            .isEqualTo("Title not_found (HTTP 404 not_found, provider stub): App stub:nope does not"
                                    + " exist. [request req-1]");
                });
        assertThat(gateway.requests("POST /v1/deployments")).hasSize(1);
    }

    @Test
    @DisplayName("a problem with a code this SDK does not know is still read")
    void unknownCode() {
        gateway.on(EVENTS, answer(418, PROBLEM, problem(418, "brand_new_code", "New.")));

        assertThatThrownBy(() -> deployments.follow(StubGateway.ID).blockLast())
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.code()).isEqualTo("brand_new_code"));
    }

    @Test
    @DisplayName("waitForTerminal falls back to waitFor=terminal when the stream is unavailable")
    void waitFallsBackToPolling() {
        gateway.on(EVENTS, answer(503, PROBLEM, problem(503, "provider_unavailable", "down")))
                .on(
                        "GET /v1/deployments/stub:d1",
                        answer(200, "application/json", deployment("in_progress", false)),
                        answer(200, "application/json", deployment("failed", true)));

        Deployment done = deployments
                .waitForTerminal(StubGateway.ID, Duration.ofSeconds(30))
                .block(Duration.ofSeconds(10));

        assertThat(done.getStatus()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(gateway.requests("GET /v1/deployments/stub:d1"))
                .extracting(StubGateway.Request::query)
                .allMatch(query -> query.contains("waitFor=terminal"));
        assertThat(gateway.requests(EVENTS)).hasSize(1 + StreamPosition.RECONNECTIONS);
    }

    @Test
    @DisplayName("cancel of a deployment that is already cancelled answers it, not an error")
    void secondCancel() {
        gateway.on(
                        "POST /v1/deployments/stub:d1/cancel",
                        answer(409, PROBLEM, problem(409, "conflict", "Already cancelled.")))
                .on("GET /v1/deployments/stub:d1", answer(200, "application/json", deployment("cancelled", true)));

        assertThat(deployments.cancel(StubGateway.ID).block().getStatus()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(gateway.requests("POST /v1/deployments/stub:d1/cancel")).hasSize(1);
    }
}
