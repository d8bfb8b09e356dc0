package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.spi.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/** Live events over SSE: status changes, log lines, the final end, one shared upstream poller, resume. */
class DeploymentEventsTest extends FakeGatewayTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    @Autowired
    DeploymentWatcher watcher;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Flux<ServerSentEvent<String>> events(String id, String lastEventId) {
        return client.get()
                .uri("/v1/deployments/" + id + "/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) h.set("Last-Event-ID", lastEventId);
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody();
    }

    @Test
    @DisplayName("twenty subscribers see status changes and the end, through one upstream poller that stops after them")
    void sharedPoller() {
        a.add("app-a", "e1", Lifecycle.queued("queued"), Instant.now());
        // The deployment moves on once every subscriber has its first event (a busy machine connects slowly), and
        // then by the poller's reads, not by the clock: three reads in each state, however slow the machine.
        CountDownLatch connected = new CountDownLatch(20);
        AtomicInteger readsBeforeEnd = new AtomicInteger(-1);
        scheduler.execute(() -> {
            try {
                connected.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                return;
            }
            awaitReads(a.calls("get") + 3);
            a.set("e1", Lifecycle.inProgress("in_progress", null));
            awaitReads(a.calls("get") + 3);
            readsBeforeEnd.set(a.calls("get"));
            a.set("e1", Lifecycle.succeeded("finished"));
        });

        List<List<ServerSentEvent<String>>> streams = Flux.range(0, 20)
                .flatMap(
                        i -> Flux.defer(() -> {
                                    AtomicBoolean first = new AtomicBoolean(true);
                                    return events("fake-a:e1", null).doOnNext(event -> {
                                        if (first.getAndSet(false)) {
                                            connected.countDown();
                                        }
                                    });
                                })
                                .collectList(),
                        20)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(streams).hasSize(20).allSatisfy(stream -> {
            List<String> names = stream.stream()
                    .map(ServerSentEvent::event)
                    .filter(n -> n != null)
                    .toList();
            assertThat(names).first().isEqualTo("status");
            assertThat(names.subList(names.size() - 2, names.size())).containsExactly("status", "end");
            assertThat(names).last().isEqualTo("end");
            assertThat(names).contains("log");
            assertThat(stream.get(stream.size() - 1).data()).contains("\"status\":\"succeeded\"");
        });
        // twenty pollers would each read the finished deployment once to end their stream; one shared poller reads it
        // once (twice when a read was under way as it finished)
        assertThat(readsBeforeEnd.get()).isNotNegative();
        assertThat(a.calls("get") - readsBeforeEnd.get()).isBetween(1, 3);
        assertThat(watcher.activeSources()).isZero();
    }

    /** Until the provider has been read {@code reads} times in all: the shared poller's ticks are the clock. */
    private void awaitReads(int reads) {
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> a.calls("get") >= reads);
    }

    @Test
    @DisplayName("Last-Event-ID resumes after the lines already received")
    void resumes() {
        a.add("app-a", "e2", Lifecycle.succeeded("finished"), Instant.now());
        List<ServerSentEvent<String>> all =
                events("fake-a:e2", null).collectList().block(Duration.ofSeconds(10));
        List<ServerSentEvent<String>> resumed =
                events("fake-a:e2", "1").collectList().block(Duration.ofSeconds(10));

        // a finished deployment: its lines, then its final state, then the end
        assertThat(all).extracting(ServerSentEvent::event).containsExactly("log", "log", "status", "end");
        assertThat(all).extracting(ServerSentEvent::id).containsExactly("1", "2", "2", "2");
        assertThat(resumed).extracting(ServerSentEvent::event).containsExactly("log", "status", "end");
        assertThat(resumed.get(0).id()).isEqualTo("2");
    }

    @Test
    @DisplayName("an unknown deployment answers 404 as a problem, not an empty stream")
    void unknown() {
        client.get()
                .uri("/v1/deployments/fake-a:none/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    @DisplayName("a failing provider is reported as an `error` event (the code a GET gives); past the outage limit the "
            + "stream ends cleanly")
    void reportsProviderTrouble() {
        b.add("app-a", "t1", Lifecycle.inProgress("running", null), Instant.now());
        List<ServerSentEvent<String>> stream = events("fake-b:t1", null)
                .doOnNext(event -> b.failing = true)
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(stream)
                .extracting(ServerSentEvent::event)
                .startsWith("status")
                .contains("error");
        assertThat(stream).extracting(ServerSentEvent::event).doesNotContain("end");
        assertThat(stream.stream()
                        .filter(e -> "error".equals(e.event()))
                        .findFirst()
                        .orElseThrow()
                        .data())
                .contains("\"code\":\"provider_unavailable\"")
                .contains("\"provider\":\"fake-b\"")
                .doesNotContain("provider-secret");
        assertThat(watcher.activeSources()).isZero();
    }

    @Test
    @DisplayName(
            "a deployment that disappears mid-stream ends the stream with an `error` event, not an aborted response")
    void endsCleanlyWhenTheDeploymentIsGone() {
        a.add("app-a", "g1", Lifecycle.inProgress("running", null), Instant.now());
        List<ServerSentEvent<String>> stream = events("fake-a:g1", null)
                .doOnNext(event -> a.deployments.clear())
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(stream)
                .extracting(ServerSentEvent::event)
                .startsWith("status")
                .endsWith("error");
        assertThat(stream.get(stream.size() - 1).data()).contains("\"code\":\"not_found\"");
    }
}
