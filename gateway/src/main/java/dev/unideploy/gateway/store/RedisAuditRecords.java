package dev.unideploy.gateway.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail in a Redis Stream ({@code unideploy:audit}, trimmed to the retention), and attributions. */
public final class RedisAuditRecords implements AuditRecords {

    private static final String STREAM = "unideploy:audit";
    private static final String ATTRIBUTION = "unideploy:audit:made-by:";

    private final RedisReactiveCommands<String, String> redis;
    private final Clock clock;
    private final Duration retention;
    private final int maxRecords;

    public RedisAuditRecords(RedisLink link, Clock clock, Duration retention, int maxRecords) {
        this.redis = link.commands();
        this.clock = clock;
        this.retention = retention;
        this.maxRecords = maxRecords;
    }

    @Override
    public Mono<String> append(String json) {
        String oldest = (clock.millis() - retention.toMillis()) + "-0";
        return redis.xadd(STREAM, XAddArgs.Builder.minId(oldest).approximateTrimming(), Map.of("record", json))
                .flatMap(position -> redis.xtrim(STREAM, true, maxRecords).thenReturn(position));
    }

    @Override
    public Flux<FeedLog.Entry> before(@Nullable String position, int limit) {
        Range<String> range = position == null
                ? Range.unbounded()
                : Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(position));
        return redis.xrevrange(STREAM, range, Limit.from(limit))
                .map(message ->
                        new FeedLog.Entry(message.getId(), message.getBody().getOrDefault("record", "{}")));
    }

    @Override
    public Mono<Void> attribute(String deploymentId, String client) {
        return redis.set(ATTRIBUTION + deploymentId, client, SetArgs.Builder.px(retention))
                .then();
    }

    @Override
    public Mono<String> attributedTo(String deploymentId) {
        return redis.get(ATTRIBUTION + deploymentId);
    }
}
