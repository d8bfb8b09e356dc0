package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.testing.LocalRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The feed log contract on a real redis-server, and what two instances' logs see of each other. */
class RedisFeedLogTest extends FeedLogContract {

    private static LocalRedis redis;
    private static RedisLink link;
    private static RedisLink otherLink;
    private static RedisFeedLog log;
    private static RedisFeedLog other;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        UnideployProperties.Redis settings = new UnideployProperties.Redis(redis.url(), Duration.ofSeconds(2));
        link = RedisLink.connect(settings);
        otherLink = RedisLink.connect(settings);
        log = new RedisFeedLog(link, Clock.systemUTC(), Duration.ofHours(1), 1000);
        other = new RedisFeedLog(otherLink, Clock.systemUTC(), Duration.ofHours(1), 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (log != null) log.close();
        if (other != null) other.close();
        if (link != null) link.close();
        if (otherLink != null) otherLink.close();
        if (redis != null) redis.close();
    }

    @Override
    FeedLog log() {
        return log;
    }

    @Test
    @DisplayName("one instance publishes, the other's live tail sees it; the second publish of a change is none")
    void liveAcrossInstances() {
        List<FeedLog.Entry> seen = new CopyOnWriteArrayList<>();
        Disposable tail = other.live().subscribe(seen::add);
        try {
            String position = log.publish("coolify:across", 2, "{\"x\":1}").block();
            assertThat(other.publish("coolify:across", 2, "{\"x\":1}").block()).isNull();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() ->
                            assertThat(seen).extracting(FeedLog.Entry::position).contains(position));
        } finally {
            tail.dispose();
        }
    }
}
