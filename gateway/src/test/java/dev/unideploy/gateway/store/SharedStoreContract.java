package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.store.IdempotencyRecords.Claim;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
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

    @Test
    @DisplayName("the first claim of a key wins; later ones see who holds it, whatever their request")
    void firstClaimWins() {
        String key = unique();
        Claim first = store().claim(key, "a").block();
        Claim again = store().claim(key, "a").block();
        Claim other = store().claim(key, "b").block();

        assertThat(first.won()).isTrue();
        assertThat(again.won()).isFalse();
        assertThat(again.current()).isEqualTo(Entry.inFlight("a"));
        assertThat(other.won()).isFalse();
        assertThat(other.current().fingerprint()).isEqualTo("a");
    }

    @Test
    @DisplayName("a completed key hands back its response, headers and body as they were")
    void completedKeyReplays() {
        String key = unique();
        StoredResponse response = new StoredResponse(
                202, Map.of("Location", List.of("/v1/deployments/coolify:d1")), "{\"id\":\"coolify:d1\"}");
        store().claim(key, "a").block();
        store().complete(key, new Entry("a", response)).block();

        Claim later = store().claim(key, "a").block();

        assertThat(later.won()).isFalse();
        assertThat(later.current().response()).isEqualTo(response);
    }

    @Test
    @DisplayName("release frees a key only from its own in-flight request, never a finished one")
    void releaseFreesOnlyItsOwnClaim() {
        String key = unique();
        store().claim(key, "a").block();
        store().release(key, "b").block();
        assertThat(store().claim(key, "b").block().won()).isFalse();

        store().release(key, "a").block();
        assertThat(store().claim(key, "b").block().won()).isTrue();

        store().complete(key, new Entry("b", new StoredResponse(200, Map.of(), null)))
                .block();
        store().release(key, "b").block();
        assertThat(store().claim(key, "b").block().current().response()).isNotNull();
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
