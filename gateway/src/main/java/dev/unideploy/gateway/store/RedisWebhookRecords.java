package dev.unideploy.gateway.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhook subscriptions (a hash), deliveries (one key each, expiring after the retention, listed per subscription in
 * a sorted set) and the schedule of deliveries due (a sorted set by due time; claiming pushes an entry's due time a
 * lease ahead in the same script, so two instances never claim one delivery at once).
 */
public final class RedisWebhookRecords implements WebhookRecords {

    private static final String SUBSCRIPTIONS = "unideploy:webhooks:subscriptions";
    private static final String DELIVERY = "unideploy:webhooks:delivery:";
    private static final String BY_SUBSCRIPTION = "unideploy:webhooks:deliveries:";
    private static final String DUE = "unideploy:webhooks:due";
    private static final String ENQUEUE = "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then "
            + "redis.call('zadd', KEYS[2], ARGV[3], ARGV[4]) "
            + "redis.call('zremrangebyscore', KEYS[2], '-inf', ARGV[6]) "
            + "redis.call('zadd', KEYS[3], ARGV[5], ARGV[4]) return 1 end return 0";
    private static final String CLAIM = "local ids = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], "
            + "'LIMIT', 0, ARGV[2]) "
            + "for _, id in ipairs(ids) do redis.call('zadd', KEYS[1], ARGV[3], id) end return ids";

    private final RedisReactiveCommands<String, String> redis;
    private final Duration retention;

    public RedisWebhookRecords(RedisLink link, Duration retention) {
        this.redis = link.commands();
        this.retention = retention;
    }

    @Override
    public Mono<Void> saveSubscription(String id, String json) {
        return redis.hset(SUBSCRIPTIONS, id, json).then();
    }

    @Override
    public Mono<String> subscription(String id) {
        return redis.hget(SUBSCRIPTIONS, id);
    }

    @Override
    public Flux<String> subscriptions() {
        return redis.hvals(SUBSCRIPTIONS);
    }

    @Override
    public Mono<Boolean> removeSubscription(String id) {
        return redis.hdel(SUBSCRIPTIONS, id).map(removed -> removed > 0);
    }

    @Override
    public Mono<Boolean> enqueue(String subscriptionId, String deliveryId, String json, Instant due) {
        long now = Instant.now().toEpochMilli();
        String[] keys = {DELIVERY + deliveryId, BY_SUBSCRIPTION + subscriptionId, DUE};
        return redis.<Long>eval(
                        ENQUEUE,
                        ScriptOutputType.INTEGER,
                        keys,
                        json,
                        Long.toString(retention.toMillis()),
                        Long.toString(now),
                        deliveryId,
                        Long.toString(due.toEpochMilli()),
                        Long.toString(now - retention.toMillis()))
                .next()
                .map(added -> added == 1L);
    }

    @Override
    public Mono<Void> saveDelivery(String deliveryId, String json) {
        return redis.set(DELIVERY + deliveryId, json, SetArgs.Builder.px(retention))
                .then();
    }

    @Override
    public Mono<String> delivery(String deliveryId) {
        return redis.get(DELIVERY + deliveryId);
    }

    @Override
    public Flux<String> deliveries(String subscriptionId, int offset, int limit) {
        return redis.zrevrange(BY_SUBSCRIPTION + subscriptionId, offset, offset + limit - 1L);
    }

    @Override
    public Flux<String> claimDue(Instant now, int limit, Duration lease) {
        String[] keys = {DUE};
        return redis.<List<Object>>eval(
                        CLAIM,
                        ScriptOutputType.MULTI,
                        keys,
                        Long.toString(now.toEpochMilli()),
                        Integer.toString(limit),
                        Long.toString(now.plus(lease).toEpochMilli()))
                .flatMapIterable(ids -> ids)
                .map(String::valueOf);
    }

    @Override
    public Mono<Void> schedule(String deliveryId, Instant due) {
        return redis.zadd(DUE, (double) due.toEpochMilli(), deliveryId).then();
    }

    @Override
    public Mono<Void> unschedule(String deliveryId) {
        return redis.zrem(DUE, deliveryId).then();
    }
}
