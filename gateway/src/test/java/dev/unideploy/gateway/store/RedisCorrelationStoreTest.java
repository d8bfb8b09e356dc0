package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.spi.Correlations;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The correlation contract on a real redis-server: what survives a gateway restart and spans instances. */
class RedisCorrelationStoreTest extends CorrelationStoreContract {

    private static LocalRedis redis;
    private static RedisCorrelationStore store;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        store = RedisCorrelationStore.connect(settings());
    }

    private static UnideployProperties.Redis settings() {
        return new UnideployProperties.Redis(redis.url(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) store.close();
        if (redis != null) redis.close();
    }

    @Override
    CorrelationStore store() {
        return store;
    }

    @Test
    @DisplayName("another connection to the same Redis (another instance, or this one restarted) recalls it")
    void survivesAnotherInstance() {
        store.forConnection("dokploy").remember("d:survivor", "row-9").block();

        try (RedisCorrelationStore other = RedisCorrelationStore.connect(settings())) {
            assertThat(other.forConnection("dokploy").recall("d:survivor").block())
                    .isEqualTo("row-9");
        }
    }

    @Test
    @DisplayName("a Redis that does not answer recalls nothing and remembers nothing, without failing")
    void unreachableRedisFailsSoft() throws Exception {
        LocalRedis doomed = LocalRedis.start();
        try (RedisCorrelationStore soon =
                RedisCorrelationStore.connect(new UnideployProperties.Redis(doomed.url(), Duration.ofMillis(500)))) {
            Correlations correlations = soon.forConnection("dokploy");
            doomed.close();

            assertThat(correlations.recall("k").block(Duration.ofSeconds(10))).isNull();
            assertThat(correlations.remember("k", "v").block(Duration.ofSeconds(10)))
                    .isEqualTo("v");
            assertThat(correlations.recallAll(java.util.List.of("k")).block(Duration.ofSeconds(10)))
                    .isEmpty();
        }
    }
}
