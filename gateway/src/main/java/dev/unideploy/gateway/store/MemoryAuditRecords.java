package dev.unideploy.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail in this instance's memory: one instance only, lost on restart. */
public final class MemoryAuditRecords implements AuditRecords {

    private final Clock clock;
    private final Duration retention;
    private final int maxRecords;
    private final NavigableMap<String, String> records = new ConcurrentSkipListMap<>(FeedLog::compare);
    private final Cache<String, String> attributions;
    private long lastMillis;
    private long sequence;

    public MemoryAuditRecords(Clock clock, Duration retention, int maxRecords) {
        this.clock = clock;
        this.retention = retention;
        this.maxRecords = maxRecords;
        this.attributions = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public Mono<String> append(String json) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                long now = clock.millis();
                sequence = now > lastMillis ? 0 : sequence + 1;
                lastMillis = Math.max(now, lastMillis);
                String position = lastMillis + "-" + sequence;
                records.put(position, json);
                String oldest = (now - retention.toMillis()) + "-0";
                while (!records.isEmpty()
                        && (records.size() > maxRecords || FeedLog.compare(records.firstKey(), oldest) < 0)) {
                    records.pollFirstEntry();
                }
                return position;
            }
        });
    }

    @Override
    public Flux<FeedLog.Entry> before(@Nullable String position, int limit) {
        return Flux.defer(() -> {
            NavigableMap<String, String> head = position == null ? records : records.headMap(position, false);
            return Flux.fromIterable(List.copyOf(head.descendingMap().entrySet()))
                    .take(limit)
                    .map(entry -> new FeedLog.Entry(entry.getKey(), entry.getValue()));
        });
    }

    @Override
    public Mono<Void> attribute(String deploymentId, String client) {
        return Mono.fromRunnable(() -> attributions.put(deploymentId, client));
    }

    @Override
    public Mono<String> attributedTo(String deploymentId) {
        return Mono.fromSupplier(() -> attributions.getIfPresent(deploymentId));
    }
}
