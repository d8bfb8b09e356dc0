package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.store.IdempotencyRecords.Attempt;
import dev.unideploy.gateway.store.IdempotencyRecords.Claim;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
import dev.unideploy.gateway.store.IdempotencyRecords.State;
import dev.unideploy.gateway.store.IdempotencyRecords.StoredResponse;
import dev.unideploy.gateway.store.RateLimits.Decision;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What every shared store does, memory or Redis: the same tests run against both. */
abstract class SharedStoreContract {

    abstract SharedStore store();

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    private static Entry inFlight(String fingerprint) {
        Instant now = Instant.now();
        return Entry.inFlight(fingerprint, Attempt.startingAt(now), now.plusSeconds(60));
    }

    @Test
    @DisplayName("the first claim of a key wins; later ones see who holds it, what was sent and until when")
    void firstClaimWins() {
        String key = unique();
        Entry mine = inFlight("a");
        Claim first = store().claim(key, mine).block();
        Claim again = store().claim(key, inFlight("a")).block();
        Claim other = store().claim(key, inFlight("b")).block();

        assertThat(first.won()).isTrue();
        assertThat(again.won()).isFalse();
        assertThat(again.current()).isEqualTo(mine);
        assertThat(again.current().state()).isEqualTo(State.IN_FLIGHT);
        assertThat(other.won()).isFalse();
        assertThat(other.current().fingerprint()).isEqualTo("a");
    }

    @Test
    @DisplayName("a completed key hands back its response, headers and body as they were")
    void completedKeyReplays() {
        String key = unique();
        StoredResponse response = new StoredResponse(
                202, Map.of("Location", List.of("/v1/deployments/coolify:d1")), "{\"id\":\"coolify:d1\"}");
        Entry mine = inFlight("a");
        store().claim(key, mine).block();
        assertThat(store().replace(key, mine, mine.done(response)).block()).isTrue();

        Claim later = store().claim(key, inFlight("a")).block();

        assertThat(later.won()).isFalse();
        assertThat(later.current().state()).isEqualTo(State.DONE);
        assertThat(later.current().response()).isEqualTo(response);
    }

    @Test
    @DisplayName("each step is a compare-and-set on the entry as read back: of two holders only one moves it")
    void stepsAreCompareAndSet() {
        String key = unique();
        Entry mine = inFlight("a");
        store().claim(key, mine).block();
        Entry seen = store().claim(key, inFlight("a")).block().current();

        Entry unknownByOne = seen.unknown(Instant.now().plusSeconds(30));
        Entry unknownByTwo = seen.unknown(Instant.now().plusSeconds(30));
        assertThat(store().replace(key, seen, unknownByOne).block()).isTrue();
        assertThat(store().replace(key, seen, unknownByTwo).block()).isFalse();
        // the sender, late, no longer holds it either
        assertThat(store().replace(key, mine, mine.done(new StoredResponse(202, Map.of(), null)))
                        .block())
                .isFalse();

        Entry read = store().claim(key, inFlight("a")).block().current();
        assertThat(read).isEqualTo(unknownByOne);
        assertThat(read.state()).isEqualTo(State.OUTCOME_UNKNOWN);
        assertThat(read.attempt()).isEqualTo(mine.attempt());
        Entry renewed = read.renewed(Instant.now().plusSeconds(90));
        assertThat(store().replace(key, read, renewed).block()).isTrue();
        assertThat(store().claim(key, inFlight("a")).block().current()).isEqualTo(renewed);
    }

    @Test
    @DisplayName("remove frees a key only from the entry its caller holds, never a later or finished one")
    void removeFreesOnlyItsOwnEntry() {
        String key = unique();
        Entry mine = inFlight("a");
        store().claim(key, mine).block();
        assertThat(store().remove(key, inFlight("a")).block()).isFalse();
        assertThat(store().claim(key, inFlight("b")).block().won()).isFalse();

        assertThat(store().remove(key, mine).block()).isTrue();
        Entry theirs = inFlight("b");
        assertThat(store().claim(key, theirs).block().won()).isTrue();

        Entry done = theirs.done(new StoredResponse(200, Map.of(), null));
        store().replace(key, theirs, done).block();
        assertThat(store().remove(key, theirs).block()).isFalse();
        assertThat(store().claim(key, inFlight("b")).block().current().response())
                .isNotNull();
    }

    @Test
    @DisplayName("a cancelled deployment comes back whole, and only cancelled ids are reported as such")
    void cancellations() {
        String id = "coolify:" + unique();
        Deployment cancelled = Deployment.builder(id.substring(8), "app-1")
                .lifecycle(Lifecycle.cancelled("cancelled-by-user"))
                .kind(Kind.ROLLBACK)
                .rollbackOf("d0")
                .progress(40)
                .createdAt(Instant.parse("2026-11-22T10:00:00Z"))
                .finishedAt(Instant.parse("2026-11-22T10:01:30Z"))
                .raw(JsonMapper.builder().build().readTree("{\"status\":\"cancelled-by-user\",\"n\":[1,2]}"))
                .build();

        store().remember(id, cancelled).block();

        assertThat(store().find(id).block()).isEqualTo(cancelled);
        assertThat(store().find("coolify:" + unique()).blockOptional()).isEmpty();
        assertThat(store().cancelledAmong(List.of(id, "coolify:" + unique())).block())
                .isEqualTo(Set.of(id));
        assertThat(store().cancelledAmong(List.of()).block()).isEmpty();
    }

    @Test
    @DisplayName("a client's bucket holds its limit, then refuses with the time to wait; other clients are apart")
    void rateLimits() {
        String client = unique();
        Duration hour = Duration.ofHours(1);
        List<Decision> decisions = List.of(
                store().consume(client, 3, hour).block(),
                store().consume(client, 3, hour).block(),
                store().consume(client, 3, hour).block(),
                store().consume(client, 3, hour).block());

        assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, true, false);
        assertThat(decisions).extracting(Decision::remaining).startsWith(2L, 1L, 0L);
        assertThat(decisions.get(3).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(20));
        assertThat(store().consume(unique(), 3, hour).block().allowed()).isTrue();
    }

    @Test
    @DisplayName("the store answers a ping")
    void ping() {
        assertThat(store().ping().thenReturn(true).block()).isTrue();
    }
}
