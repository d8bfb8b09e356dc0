package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every feed log does, memory or Redis. */
abstract class FeedLogContract {

    abstract FeedLog log();

    private static String subject() {
        return "coolify:" + UUID.randomUUID();
    }

    @Test
    @DisplayName("publish appends once per rise in rank; a repeat or a lower rank appends nothing")
    void publishOncePerRank() {
        FeedLog log = log();
        String subject = subject();
        String first = log.publish(subject, 1, "{\"n\":1}").block();
        assertThat(first).matches("\\d+-\\d+");
        assertThat(log.publish(subject, 1, "{\"n\":1}").block()).isNull();
        String second = log.publish(subject, 3, "{\"n\":3}").block();
        assertThat(FeedLog.compare(second, first)).isPositive();
        assertThat(log.publish(subject, 2, "{\"n\":2}").block()).isNull();
        assertThat(log.after(first, 100).collectList().block())
                .extracting(FeedLog.Entry::event)
                .containsExactly("{\"n\":3}");
    }

    @Test
    @DisplayName("a consumer group hands each entry to one consumer; an unacknowledged one goes to another later")
    void consumerGroup() {
        FeedLog log = log();
        String group = "g-" + UUID.randomUUID();
        log.claim(group, "a", 10, Duration.ofMinutes(1)).collectList().block(); // the group starts here
        log.publish(subject(), 1, "{\"e\":1}").block();
        log.publish(subject(), 1, "{\"e\":2}").block();

        List<FeedLog.Entry> toA =
                log.claim(group, "a", 10, Duration.ofMinutes(1)).collectList().block();
        List<FeedLog.Entry> toB =
                log.claim(group, "b", 10, Duration.ofMinutes(1)).collectList().block();
        assertThat(toA).extracting(FeedLog.Entry::event).containsExactly("{\"e\":1}", "{\"e\":2}");
        assertThat(toB).isEmpty();

        log.ack(group, toA.get(0).position()).block();
        List<FeedLog.Entry> handedOver = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> handedOver.addAll(log.claim(group, "b", 10, Duration.ofMillis(200))
                        .collectList()
                        .block()));
        assertThat(handedOver).extracting(FeedLog.Entry::event).containsExactly("{\"e\":2}");
    }

    @Test
    @DisplayName("a lease is held by one owner until it lapses; the owner renews it")
    void leases() {
        FeedLog log = log();
        String key = "k-" + UUID.randomUUID();
        assertThat(log.lease(key, "a", Duration.ofMillis(300)).block()).isTrue();
        assertThat(log.lease(key, "b", Duration.ofMillis(300)).block()).isFalse();
        assertThat(log.lease(key, "a", Duration.ofMillis(300)).block()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.lease(key, "b", Duration.ofMillis(300)).block());
        assertThat(log.lease(key, "a", Duration.ofMillis(300)).block()).isFalse();
    }

    @Test
    @DisplayName("positions order by time, then sequence")
    void positions() {
        assertThat(FeedLog.compare("10-2", "9-5")).isPositive();
        assertThat(FeedLog.compare("10-2", "10-10")).isNegative();
        assertThat(FeedLog.isPosition("1764240000000-0")).isTrue();
        assertThat(FeedLog.isPosition("x-1")).isFalse();
    }
}
