package dev.unideploy.gateway.store;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The feed in Redis: a Stream ({@code unideploy:feed:events}, trimmed to the retention), consumer groups on it, each
 * deployment's rank beside it (raised and appended in one script, so two instances that see one change publish it
 * once), and leases. Every instance tails the stream with one blocking read on its own connection.
 */
public final class RedisFeedLog implements FeedLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisFeedLog.class);

    static final String STREAM = "unideploy:feed:events";
    private static final String RANK = "unideploy:feed:rank:";
    private static final String LEASE = "unideploy:feed:lease:";
    private static final String PUBLISH = "local had = tonumber(redis.call('get', KEYS[1]) or '0') "
            + "if tonumber(ARGV[1]) <= had then return false end "
            + "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) "
            + "local id = redis.call('xadd', KEYS[2], 'MINID', '~', ARGV[3], '*', 'event', ARGV[4]) "
            + "redis.call('xtrim', KEYS[2], 'MAXLEN', '~', ARGV[5]) "
            + "return id";
    private static final String LEASE_SCRIPT = "local held = redis.call('get', KEYS[1]) "
            + "if held == false or held == ARGV[1] then "
            + "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0";

    private final RedisReactiveCommands<String, String> redis;
    private final Clock clock;
    private final Duration retention;
    private final int maxEvents;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Sinks.Many<Entry> appended = Sinks.many().multicast().directBestEffort();
    private final Disposable tail;

    public RedisFeedLog(RedisLink link, Clock clock, Duration retention, int maxEvents) {
        this.redis = link.commands();
        this.clock = clock;
        this.retention = retention;
        this.maxEvents = maxEvents;
        this.tail = tail(link.blocking());
    }

    /** Reads what any instance appends, from the stream's end when this instance started. */
    private Disposable tail(RedisReactiveCommands<String, String> blocking) {
        AtomicReference<String> last = new AtomicReference<>();
        return blocking.xrevrange(STREAM, Range.unbounded(), Limit.from(1))
                .map(StreamMessage::getId)
                .defaultIfEmpty("0-0")
                .doOnNext(last::set)
                .thenMany(Flux.defer(() -> blocking.xread(
                                XReadArgs.Builder.block(Duration.ofSeconds(1)).count(200),
                                XReadArgs.StreamOffset.from(STREAM, last.get())))
                        .doOnNext(message -> {
                            last.set(message.getId());
                            appended.emitNext(toEntry(message), Sinks.EmitFailureHandler.FAIL_FAST);
                        })
                        .repeat())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(failed -> log.warn(
                                "Reading the event feed from Redis failed ({}); retrying",
                                failed.failure().getClass().getSimpleName())))
                .subscribe();
    }

    private static Entry toEntry(StreamMessage<String, String> message) {
        return new Entry(message.getId(), message.getBody().getOrDefault("event", "{}"));
    }

    @Override
    public Mono<String> publish(String subject, int rank, String event) {
        long now = clock.millis();
        String[] keys = {RANK + subject, STREAM};
        return redis.<String>eval(
                        PUBLISH,
                        ScriptOutputType.VALUE,
                        keys,
                        Integer.toString(rank),
                        Long.toString(retention.plus(Duration.ofDays(1)).toMillis()),
                        (now - retention.toMillis()) + "-0",
                        event,
                        Integer.toString(maxEvents))
                .next();
    }

    @Override
    public Flux<Entry> after(@Nullable String position, int limit) {
        Range<String> range = position == null
                ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(position), Range.Boundary.unbounded());
        return redis.xrange(STREAM, range, Limit.from(limit)).map(RedisFeedLog::toEntry);
    }

    @Override
    public Flux<Entry> live() {
        return appended.asFlux();
    }

    @Override
    public Flux<Entry> claim(String group, String consumer, int limit, Duration minIdle) {
        Consumer<String> me = Consumer.from(group, consumer);
        Flux<Entry> stalled = redis.xautoclaim(
                        STREAM,
                        XAutoClaimArgs.Builder.xautoclaim(me, minIdle, "0-0").count(limit))
                .flatMapIterable(claimed -> claimed.getMessages())
                .filter(message ->
                        message.getBody() != null && !message.getBody().isEmpty())
                .map(RedisFeedLog::toEntry);
        Flux<Entry> fresh = redis.xreadgroup(
                        me, XReadArgs.Builder.count(limit), XReadArgs.StreamOffset.lastConsumed(STREAM))
                .map(RedisFeedLog::toEntry);
        return ensureGroup(group).thenMany(Flux.concat(stalled, fresh));
    }

    private Mono<Void> ensureGroup(String group) {
        if (groups.contains(group)) {
            return Mono.empty();
        }
        return redis.xgroupCreate(XReadArgs.StreamOffset.latest(STREAM), group, XGroupCreateArgs.Builder.mkstream())
                .onErrorResume(RedisBusyException.class, exists -> Mono.just("OK"))
                .doOnNext(ok -> groups.add(group))
                .then();
    }

    @Override
    public Mono<Void> ack(String group, String position) {
        return redis.xack(STREAM, group, position).then();
    }

    @Override
    public Mono<Boolean> lease(String key, String owner, Duration ttl) {
        String[] keys = {LEASE + key};
        return redis.<Long>eval(LEASE_SCRIPT, ScriptOutputType.INTEGER, keys, owner, Long.toString(ttl.toMillis()))
                .next()
                .map(won -> won == 1L);
    }

    @Override
    public void close() {
        tail.dispose();
    }
}
