package dev.unideploy.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static Deployment deployment(String id, Lifecycle lifecycle, Instant finished) {
        return Deployment.builder(id, "app")
                .lifecycle(lifecycle)
                .createdAt(finished == null ? START.plusSeconds(1) : finished.minusSeconds(5))
                .finishedAt(finished)
                .build();
    }

    @Test
    @DisplayName("each rise in a deployment's status is one event; repeats and steps back are none")
    void risesOnly() {
        ChangeDetector detector = new ChangeDetector(START);
        assertThat(detector.observe(deployment("d", Lifecycle.queued("queued"), null)))
                .contains(EventType.QUEUED);
        assertThat(detector.observe(deployment("d", Lifecycle.queued("queued"), null)))
                .isEmpty();
        assertThat(detector.observe(deployment("d", Lifecycle.inProgress("running", null), null)))
                .contains(EventType.STARTED);
        assertThat(detector.observe(deployment("d", Lifecycle.queued("queued"), null)))
                .isEmpty();
        assertThat(detector.observe(deployment("d", Lifecycle.succeeded("done"), START.plusSeconds(9))))
                .contains(EventType.SUCCEEDED);
        assertThat(detector.observe(deployment("d", Lifecycle.failed("error"), START.plusSeconds(9))))
                .isEmpty();
        assertThat(detector.observe(deployment("d", Lifecycle.unknown("weird"), null)))
                .isEmpty();
    }

    @Test
    @DisplayName("a deployment first read finished is history if it finished before the watch began, else its end")
    void historyIsNotNews() {
        ChangeDetector detector = new ChangeDetector(START);
        assertThat(detector.observe(deployment("old", Lifecycle.succeeded("done"), START.minusSeconds(60))))
                .isEmpty();
        assertThat(detector.observe(deployment("quick", Lifecycle.failed("failed"), START.plusSeconds(3))))
                .contains(EventType.FAILED);
        assertThat(detector.observe(deployment("running", Lifecycle.inProgress("running", null), null)))
                .contains(EventType.STARTED);
    }

    @Test
    @DisplayName("a deployment whose event could not be published is read as new again")
    void forgetting() {
        ChangeDetector detector = new ChangeDetector(START);
        Deployment running = deployment("d", Lifecycle.inProgress("running", null), null);
        assertThat(detector.observe(running)).contains(EventType.STARTED);
        detector.forget("d");
        assertThat(detector.observe(running)).contains(EventType.STARTED);
    }
}
