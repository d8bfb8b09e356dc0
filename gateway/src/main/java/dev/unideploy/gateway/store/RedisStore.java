package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.spi.Deployment;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared state in Redis (Lettuce), so that every instance pointed at it answers the same: an idempotency key
 * used on one instance replays on another. Rate limits are Bucket4j token buckets, kept in Redis by compare-and-swap.
 * Keys start with {@code unideploy:} and all expire.
 */
public final class RedisStore implements SharedStore {

    private static final String PREFIX = "unideploy:";
    private static final String IDEMPOTENCY = PREFIX + "idempotency:";
    private static final String CANCELLED = PREFIX + "cancelled:";
    private static final String RATE = PREFIX + "rate:";
    /** Deletes the key only if it still holds the given value: a failed request frees only its own claim. */
    private static final String COMPARE_AND_DELETE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    /** Sets the key (with a time to live) only if it still holds the given value: one holder wins each step. */
    private static final String COMPARE_AND_SET = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, byte[]> bucketConnection;
    private final RedisReactiveCommands<String, String> redis;
    private final AsyncProxyManager<String> buckets;

    private RedisStore(RedisClient client) {
        this.client = client;
        this.connection = client.connect(StringCodec.UTF8);
        this.bucketConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.redis = connection.reactive();
        this.buckets = Bucket4jLettuce.casBasedBuilder(bucketConnection)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build()
                .asAsync();
    }

    /** Connects to the server of {@code settings}; fails at once, naming only host and port, if it does not answer. */
    public static RedisStore connect(UnideployProperties.Redis settings) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisStore(client);
        } catch (RuntimeException unreachable) {
            client.shutdown();
            throw new IllegalStateException(
                    "Redis at " + uri.getHost() + ":" + uri.getPort() + " (unideploy.redis.url) does not answer: "
                            + unreachable.getClass().getSimpleName());
        }
    }

    @Override
    public Mono<Claim> claim(String key, Entry mine) {
        String value = JSON.writeValueAsString(mine);
        return Mono.defer(() -> redis.set(
                                IDEMPOTENCY + key, value, SetArgs.Builder.nx().px(IDEMPOTENCY_RETENTION))
                        .map(ok -> new Claim(true, mine))
                        .switchIfEmpty(redis.get(IDEMPOTENCY + key)
                                .map(found -> new Claim(false, JSON.readValue(found, Entry.class)))))
                // the holder expired between our SET and GET: try again
                .repeatWhenEmpty(3, attempts -> attempts);
    }

    /**
     * The stored JSON of {@code expected} is what it was written as: entries that are compared carry no maps, and
     * records serialise their components in order, so writing the entry read back gives the same text.
     */
    @Override
    public Mono<Boolean> replace(String key, Entry expected, Entry next) {
        String[] keys = {IDEMPOTENCY + key};
        return redis.<Long>eval(
                        COMPARE_AND_SET,
                        ScriptOutputType.INTEGER,
                        keys,
                        JSON.writeValueAsString(expected),
                        JSON.writeValueAsString(next),
                        Long.toString(IDEMPOTENCY_RETENTION.toMillis()))
                .next()
                .map(changed -> changed == 1L)
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Boolean> remove(String key, Entry expected) {
        String[] keys = {IDEMPOTENCY + key};
        return redis.<Long>eval(COMPARE_AND_DELETE, ScriptOutputType.INTEGER, keys, JSON.writeValueAsString(expected))
                .next()
                .map(deleted -> deleted == 1L)
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> remember(String id, Deployment deployment) {
        return redis.set(CANCELLED + id, JSON.writeValueAsString(deployment), SetArgs.Builder.px(CANCEL_RETENTION))
                .then();
    }

    @Override
    public Mono<Deployment> find(String id) {
        return redis.get(CANCELLED + id).map(json -> JSON.readValue(json, Deployment.class));
    }

    @Override
    public Mono<Set<String>> cancelledAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Set.of());
        }
        return redis.mget(ids.stream().map(id -> CANCELLED + id).toArray(String[]::new))
                .filter(KeyValue::hasValue)
                .map(found -> found.getKey().substring(CANCELLED.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Mono<Decision> consume(String client, long limit, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(RateLimits.bandwidth(limit, period))
                .build();
        return Mono.fromFuture(() -> buckets.builder()
                        .build(
                                RATE + RateLimits.bucketKey(client, limit, period),
                                () -> CompletableFuture.completedFuture(configuration))
                        .tryConsumeAndReturnRemaining(1))
                .map(probe -> Decision.of(probe, limit));
    }

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Mono<Void> ping() {
        return redis.ping().then();
    }

    @Override
    public void close() {
        bucketConnection.close();
        connection.close();
        client.shutdown();
    }
}
