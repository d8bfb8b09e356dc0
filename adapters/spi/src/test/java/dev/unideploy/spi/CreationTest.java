package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which deployment a write whose answer was lost made, judged from the app's deployments. */
class CreationTest {

    private static final Instant SENT = Instant.parse("2026-11-27T10:00:05.500Z");

    private static Deployment deployment(String id, Instant createdAt) {
        return Deployment.builder(id, "app")
                .lifecycle(Lifecycle.queued("queued"))
                .createdAt(createdAt)
                .build();
    }

    private static String found(List<Deployment> newestFirst) {
        return Creation.firstSince(newestFirst, SENT, any -> true)
                .map(Deployment::id)
                .orElse(null);
    }

    @Test
    @DisplayName("the first made since the write was sent, not a later one, nor one made just before")
    void firstSinceSending() {
        assertThat(found(List.of(
                        deployment("later", SENT.plusMillis(900)),
                        deployment("ours", SENT.plusMillis(40)),
                        deployment("just-before", SENT.minusMillis(300)))))
                .isEqualTo("ours");
    }

    @Test
    @DisplayName("a provider that keeps whole seconds stamps ours with the second it was sent in")
    void wholeSeconds() {
        assertThat(found(List.of(
                        deployment("later", Instant.parse("2026-11-27T10:00:07Z")),
                        deployment("ours", Instant.parse("2026-11-27T10:00:05Z")),
                        deployment("older", Instant.parse("2026-11-27T10:00:04Z")))))
                .isEqualTo("ours");
    }

    @Test
    @DisplayName("none made since: the last one made within the clock tolerance before (the provider's clock lags)")
    void providerClockBehind() {
        assertThat(found(List.of(
                        deployment("lagging", SENT.minusMillis(200)),
                        deployment("before", SENT.minusMillis(700)),
                        deployment("long-before", SENT.minusSeconds(30)))))
                .isEqualTo("lagging");
    }

    @Test
    @DisplayName("none made since nor just before: nothing, the proof that the write made nothing")
    void nothing() {
        assertThat(found(List.of(deployment("long-before", SENT.minusSeconds(30)))))
                .isNull();
        assertThat(found(List.of())).isNull();
    }

    @Test
    @DisplayName("equal times: the provider's order decides (newest first, so the last listed was made first)")
    void equalTimes() {
        Instant same = SENT.plusMillis(100);
        assertThat(found(List.of(deployment("second", same), deployment("first", same))))
                .isEqualTo("first");
    }

    @Test
    @DisplayName("a deployment without a creation time is never taken")
    void noCreationTime() {
        Deployment unknown = Deployment.builder("unknown", "app")
                .lifecycle(Lifecycle.queued("queued"))
                .build();
        assertThat(found(List.of(unknown))).isNull();
    }

    @Test
    @DisplayName("a trigger made a deploy of what it asked for; a rollback a rollback of its target; a promote one in"
            + " its environment")
    void couldHaveMade() {
        Creation trigger = new Creation.Trigger(
                new TriggerRequest("app", new Source(null, "abc123", null, null, null), "production", false, "c1"));
        Deployment deploy = deployment("d", SENT).toBuilder()
                .source(new Source(null, "abc123def", null, null, null))
                .environment("production")
                .build();
        assertThat(trigger.couldHaveMade(deploy)).isTrue();
        assertThat(trigger.couldHaveMade(
                        deploy.toBuilder().environment("staging").build()))
                .isFalse();
        assertThat(trigger.couldHaveMade(deploy.toBuilder()
                        .source(new Source(null, "fff000", null, null, null))
                        .build()))
                .isFalse();
        assertThat(trigger.couldHaveMade(deploy.toBuilder().kind(Kind.ROLLBACK).build()))
                .isFalse();

        Creation rollback = new Creation.Rollback("target");
        Deployment rolledBack = deploy.toBuilder().kind(Kind.ROLLBACK).build();
        assertThat(rollback.couldHaveMade(rolledBack)).isTrue();
        assertThat(rollback.couldHaveMade(
                        rolledBack.toBuilder().rollbackOf("other").build()))
                .isFalse();
        assertThat(rollback.asAnswered(rolledBack).rollbackOf()).isEqualTo("target");

        Creation promote = new Creation.Promote("target", new PromoteRequest("staging", null));
        assertThat(promote.couldHaveMade(
                        deploy.toBuilder().environment("staging").build()))
                .isTrue();
        assertThat(promote.couldHaveMade(deploy)).isFalse();
        assertThat(promote.asAnswered(deploy).kind()).isEqualTo(Kind.PROMOTE);
    }
}
