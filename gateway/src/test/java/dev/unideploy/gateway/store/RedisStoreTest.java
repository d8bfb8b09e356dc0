package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.testing.LocalRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The same contract on a real redis-server, and what happens when none answers. */
class RedisStoreTest extends SharedStoreContract {

    private static LocalRedis redis;
    private static RedisStore store;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        store = RedisStore.connect(new UnideployProperties.Redis(redis.url(), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) store.close();
        if (redis != null) redis.close();
    }

    @Override
    SharedStore store() {
        return store;
    }

    @Test
    @DisplayName("two connections to one Redis see each other's keys: what several instances rely on")
    void twoConnectionsShareState() {
        try (RedisStore other = RedisStore.connect(new UnideployProperties.Redis(redis.url(), Duration.ofSeconds(2)))) {
            IdempotencyRecords.Entry mine = IdempotencyRecords.Entry.inFlight(
                    "a",
                    IdempotencyRecords.Attempt.startingAt(java.time.Instant.now()),
                    java.time.Instant.now().plusSeconds(60));
            assertThat(store.claim("shared-key", mine).block().won()).isTrue();
            assertThat(other.claim("shared-key", mine).block().current()).isEqualTo(mine);
            assertThat(other.remove("shared-key", mine).block()).isTrue();
        }
    }

    @Test
    @DisplayName("no Redis at the URL: startup fails naming host and port, never the password")
    void unreachable() {
        assertThatThrownBy(() -> RedisStore.connect(
                        new UnideployProperties.Redis("redis://:s3cret-pass@127.0.0.1:1", Duration.ofSeconds(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret-pass")
                .hasNoCause();
    }
}
