package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.spi.Correlations;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Correlations in Redis, shared by every instance pointed at it: keys {@code unideploy:correlation:<connection>:<key>},
 * set once ({@code SET NX}) and expiring after {@link #RETENTION}. A Redis that does not answer recalls nothing and
 * remembers nothing (logged): adapters carry on with what they can find without.
 */
public final class RedisCorrelationStore implements CorrelationStore {

    private static final Logger log = LoggerFactory.getLogger(RedisCorrelationStore.class);
    private static final String PREFIX = "unideploy:correlation:";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> redis;

    private RedisCorrelationStore(RedisClient client) {
        this.client = client;
        this.connection = client.connect(StringCodec.UTF8);
        this.redis = connection.reactive();
    }

    /** Connects to the server of {@code settings}; fails at once, naming only host and port, if it does not answer. */
    public static RedisCorrelationStore connect(UnideployProperties.Redis settings) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisCorrelationStore(client);
        } catch (RuntimeException unreachable) {
            client.shutdown();
            throw new IllegalStateException(
                    "Redis at " + uri.getHost() + ":" + uri.getPort() + " (unideploy.redis.url) does not answer: "
                            + unreachable.getClass().getSimpleName());
        }
    }

    @Override
    public Correlations forConnection(String connectionId) {
        String prefix = PREFIX + connectionId + ":";
        return new Correlations() {
            @Override
            public Mono<String> recall(String key) {
                return redis.get(prefix + key).onErrorResume(error -> unanswered("recall", error));
            }

            @Override
            public Mono<Map<String, String>> recallAll(Collection<String> keys) {
                if (keys.isEmpty()) {
                    return Mono.just(Map.of());
                }
                return redis.mget(keys.stream().map(key -> prefix + key).toArray(String[]::new))
                        .filter(KeyValue::hasValue)
                        .collect(Collectors.toUnmodifiableMap(
                                found -> found.getKey().substring(prefix.length()), KeyValue::getValue, (a, b) -> a))
                        .onErrorResume(error -> unanswered("recall", error).thenReturn(Map.of()));
            }

            @Override
            public Mono<String> remember(String key, String value) {
                return Mono.defer(() -> redis.set(
                                        prefix + key,
                                        value,
                                        SetArgs.Builder.nx().px(RETENTION))
                                .map(ok -> value)
                                .switchIfEmpty(redis.get(prefix + key)))
                        // the holder expired between our SET and GET: try again
                        .repeatWhenEmpty(3, attempts -> attempts)
                        .onErrorResume(error -> unanswered("remember", error).thenReturn(value));
            }

            @Override
            public String toString() {
                return "Correlations[redis, " + connectionId + "]";
            }
        };
    }

    private static Mono<String> unanswered(String what, Throwable error) {
        log.warn(
                "Redis did not answer a correlation {}: {}",
                what,
                error.getClass().getSimpleName());
        return Mono.empty();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    @Override
    public String toString() {
        return "RedisCorrelationStore";
    }
}
