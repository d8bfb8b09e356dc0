package dev.unideploy.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.spi.Deployment;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** The shared state in this instance's memory: right for one instance, or clients that stick to one. */
public final class MemoryStore implements SharedStore {

    private final Cache<String, Entry> idempotency = Caffeine.newBuilder()
            .expireAfterWrite(IDEMPOTENCY_RETENTION)
            .maximumSize(100_000)
            .build();

    private final Cache<String, Deployment> cancelled = Caffeine.newBuilder()
            .expireAfterWrite(CANCEL_RETENTION)
            .maximumSize(100_000)
            .build();

    // a bucket left alone this long is full again anyway
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    @Override
    public Mono<Claim> claim(String key, Entry mine) {
        return Mono.fromSupplier(() -> {
            Entry existing = idempotency.asMap().putIfAbsent(key, mine);
            return existing == null ? new Claim(true, mine) : new Claim(false, existing);
        });
    }

    @Override
    public Mono<Boolean> replace(String key, Entry expected, Entry next) {
        return Mono.fromSupplier(() -> idempotency.asMap().replace(key, expected, next));
    }

    @Override
    public Mono<Boolean> remove(String key, Entry expected) {
        return Mono.fromSupplier(() -> idempotency.asMap().remove(key, expected));
    }

    @Override
    public Mono<Void> remember(String id, Deployment deployment) {
        return Mono.fromRunnable(() -> cancelled.put(id, deployment));
    }

    @Override
    public Mono<Deployment> find(String id) {
        return Mono.fromSupplier(() -> cancelled.getIfPresent(id));
    }

    @Override
    public Mono<Set<String>> cancelledAmong(Collection<String> ids) {
        return Mono.fromSupplier(() ->
                ids.stream().filter(id -> cancelled.getIfPresent(id) != null).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public Mono<Decision> consume(String client, long limit, Duration period) {
        return Mono.fromSupplier(() -> {
            Bucket bucket = buckets.get(
                    RateLimits.bucketKey(client, limit, period),
                    key -> Bucket.builder()
                            .addLimit(RateLimits.bandwidth(limit, period))
                            .build());
            return Decision.of(bucket.tryConsumeAndReturnRemaining(1), limit);
        });
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Mono<Void> ping() {
        return Mono.empty();
    }

    @Override
    public void close() {}
}
