package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.deployment.DeploymentWatcher.Snapshot;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The watcher's sources on virtual time: native streams that stop early, provider trouble, the final read. */
class DeploymentWatcherTest {

    static final GlobalId ID = new GlobalId("p", "d1");
    static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    static final Deployment RUNNING = Deployment.builder("d1", "app")
            .lifecycle(Lifecycle.inProgress("running", null))
            .createdAt(CREATED)
            .build();
    static final Deployment DONE = RUNNING.toBuilder()
            .lifecycle(Lifecycle.succeeded("done"))
            .finishedAt(CREATED.plusSeconds(42))
            .build();
    static final List<LogLine> LINES = List.of(LogLine.of("one"), LogLine.of("two"), LogLine.of("three"));
    static final DeploymentWatcher.Timing TIMING =
            new DeploymentWatcher.Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));

    private final ScriptedAdapter adapter =
            new ScriptedAdapter("p", 10, Set.of(Capability.GET, Capability.LOGS, Capability.EVENTS));
    private final DeploymentWatcher watcher = new DeploymentWatcher(Connections.service(adapter), TIMING);

    {
        adapter.watched = RUNNING;
        adapter.log.addAll(LINES);
    }

    private static List<String> messages(Snapshot snapshot) {
        return snapshot.logs().stream().map(LogLine::message).toList();
    }

    @Test
    @DisplayName("a native stream that completes before the end is replaced by polling, no line repeated or lost")
    void aStreamThatCompletesEarlyIsReplacedByPolling() {
        adapter.stream = () -> Flux.just(new DeploymentEvent.Log(LINES.get(0)), new DeploymentEvent.Log(LINES.get(1)));
        StepVerifier.withVirtualTime(() -> watcher.watch(Connections.CLIENT, ID, true))
                .assertNext(start -> assertThat(start.logs()).isEmpty())
                .assertNext(snapshot -> assertThat(messages(snapshot)).containsExactly("one"))
                .assertNext(snapshot -> assertThat(messages(snapshot)).containsExactly("one", "two"))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(snapshot -> assertThat(messages(snapshot)).containsExactly("one", "two", "three"))
                .then(() -> adapter.watched = DONE)
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(last -> {
                    assertThat(last.terminal()).isTrue();
                    assertThat(last.deployment().value().finishedAt()).isEqualTo(DONE.finishedAt());
                    assertThat(messages(last)).containsExactly("one", "two", "three");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a native stream that fails is replaced by polling from the lines already seen")
    void aStreamThatFailsIsReplacedByPolling() {
        adapter.stream = () -> Flux.concat(
                Flux.just(new DeploymentEvent.Log(LINES.get(0))),
                Flux.error(new ProviderException.Unavailable("socket closed (1006)", null, null, null)));
        StepVerifier.withVirtualTime(() -> watcher.watch(Connections.CLIENT, ID, true))
                .expectNextCount(2)
                .then(() -> adapter.watched = DONE)
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(last -> {
                    assertThat(last.terminal()).isTrue();
                    assertThat(messages(last)).containsExactly("one", "two", "three");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a native stream silent for the idle limit (Mist drops a quiet socket unclosed) gives way to polling")
    void aSilentStreamGivesWayToPolling() {
        adapter.stream = () -> Flux.concat(Flux.just(new DeploymentEvent.Log(LINES.get(0))), Flux.never());
        StepVerifier.withVirtualTime(() -> watcher.watch(Connections.CLIENT, ID, true))
                .expectNextCount(2)
                .expectNoEvent(Duration.ofSeconds(30))
                .then(() -> adapter.watched = DONE)
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(last -> assertThat(last.terminal()).isTrue())
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("the stream's terminal status is read again: the end carries what a GET shows")
    void theEndIsReadAgain() {
        Deployment bare = RUNNING.withLifecycle(Lifecycle.succeeded("done")); // no finishedAt on the stream
        adapter.stream = () -> Flux.defer(() -> {
            adapter.watched = DONE;
            return Flux.just(new DeploymentEvent.StatusChanged(bare));
        });
        StepVerifier.withVirtualTime(() -> watcher.watch(Connections.CLIENT, ID, true))
                .assertNext(start -> assertThat(start.terminal()).isFalse())
                .assertNext(last -> {
                    assertThat(last.terminal()).isTrue();
                    assertThat(last.deployment().value().finishedAt()).isEqualTo(DONE.finishedAt());
                    assertThat(last.deployment().value().durationSeconds()).isEqualTo(42);
                    assertThat(messages(last)).containsExactly("one", "two", "three");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("provider trouble is carried, polling goes on and recovers; past the outage limit the watch ends")
    void ridesOutProviderTrouble() {
        adapter.stream = null;
        ScriptedAdapter polled = new ScriptedAdapter("p", 10, Set.of(Capability.GET, Capability.LOGS));
        polled.watched = RUNNING;
        DeploymentWatcher watching = new DeploymentWatcher(Connections.service(polled), TIMING);
        StepVerifier.withVirtualTime(() -> watching.watch(Connections.CLIENT, ID, true))
                .assertNext(start -> assertThat(start.trouble()).isNull())
                .then(() -> polled.failing = () -> new ProviderException.Unavailable("reset", null, null, null))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(troubled -> {
                    assertThat(troubled.trouble()).isNotNull();
                    assertThat(troubled.trouble().error()).isInstanceOf(ProviderCallException.class);
                    assertThat(troubled.deployment().value()).isEqualTo(RUNNING);
                })
                .then(() -> polled.failing = null)
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(recovered -> assertThat(recovered.trouble()).isNull())
                .then(() -> polled.failing = () -> new ProviderException.Timeout("no answer", null))
                .thenAwait(TIMING.outageLimit().plusSeconds(2))
                .thenConsumeWhile(snapshot -> snapshot.trouble() != null && !snapshot.terminal())
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a deployment that is gone ends the watch with its 404")
    void aDeploymentThatIsGoneEndsTheWatch() {
        ScriptedAdapter polled = new ScriptedAdapter("p", 10, Set.of(Capability.GET, Capability.LOGS));
        polled.watched = RUNNING;
        DeploymentWatcher watching = new DeploymentWatcher(Connections.service(polled), TIMING);
        StepVerifier.withVirtualTime(() -> watching.watch(Connections.CLIENT, ID, true))
                .expectNextCount(1)
                .then(() -> polled.watched = null)
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(error -> assertThat(((ProviderCallException) error).failure())
                        .isInstanceOf(ProviderException.NotFound.class))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a poll tick is one provider call where the adapter reads deployment and log at once (Coolify)")
    void onePollOneCall() {
        ScriptedAdapter polled = new ScriptedAdapter("p", 10, Set.of(Capability.GET, Capability.LOGS));
        polled.watched = RUNNING;
        polled.progressInOne = true;
        DeploymentWatcher watching = new DeploymentWatcher(Connections.service(polled), TIMING);
        StepVerifier.withVirtualTime(() -> watching.watch(Connections.CLIENT, ID, true))
                .expectNextCount(1)
                .thenAwait(Duration.ofSeconds(3))
                .expectNextCount(3)
                .then(() -> polled.watched = DONE)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(polled.calls("progress")).isEqualTo(4);
        assertThat(polled.calls("get")).as("the first read only").isEqualTo(1);
        assertThat(polled.calls("logs")).isZero();
    }
}
