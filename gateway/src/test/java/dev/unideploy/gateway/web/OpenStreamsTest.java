package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** One heartbeat timer for every stream on the short road, on virtual time. */
class OpenStreamsTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();

    @AfterEach
    void realTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    @DisplayName("every open stream gets a heartbeat each interval, a stream removed gets none, the gauge counts them")
    void oneHeartbeatForAll() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        OpenStreams.Stream one = first::incrementAndGet;
        OpenStreams.Stream two = second::incrementAndGet;
        try (OpenStreams streams = new OpenStreams(null, key -> null, Duration.ofSeconds(15), meters)) {
            streams.add(one);
            streams.add(two);
            assertThat(meters.get("unideploy.events.streams.joined").gauge().value())
                    .isEqualTo(2);

            time.advanceTimeBy(Duration.ofSeconds(14));
            assertThat(first).hasValue(0);
            time.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(first).hasValue(1);
            assertThat(second).hasValue(1);

            streams.remove(two);
            time.advanceTimeBy(Duration.ofSeconds(30));
            assertThat(first).hasValue(3);
            assertThat(second).hasValue(1);
            assertThat(streams.size()).isEqualTo(1);

            streams.close();
            time.advanceTimeBy(Duration.ofSeconds(30));
            assertThat(first).as("closed: no more heartbeats").hasValue(3);
        }
    }
}
