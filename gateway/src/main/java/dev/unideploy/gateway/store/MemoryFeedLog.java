package dev.unideploy.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The feed in this instance's memory: one instance only, lost on restart. */
public final class MemoryFeedLog implements FeedLog {

    private record Pending(String consumer, Instant handedOut) {}

    private static final class Group {
        @Nullable
        String cursor;

        final Map<String, Pending> pending = new LinkedHashMap<>();
    }

    private final Clock clock;
    private final Duration retention;
    private final int maxEvents;
    private final NavigableMap<String, String> log = new ConcurrentSkipListMap<>(FeedLog::compare);
    private final Cache<String, Integer> ranks;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Pending> leases = new HashMap<>();
    private final Sinks.Many<Entry> appended = Sinks.many().multicast().directBestEffort();
    private long lastMillis;
    private long sequence;

    public MemoryFeedLog(Clock clock, Duration retention, int maxEvents) {
        this.clock = clock;
        this.retention = retention;
        this.maxEvents = maxEvents;
        this.ranks = Caffeine.newBuilder()
                .expireAfterWrite(retention.plus(Duration.ofDays(1)))
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public Mono<String> publish(String subject, int rank, String event) {
        return Mono.fromSupplier(() -> {
            Entry entry;
            synchronized (this) {
                Integer had = ranks.getIfPresent(subject);
                if (had != null && had >= rank) {
                    return null;
                }
                ranks.put(subject, rank);
                long now = clock.millis();
                sequence = now > lastMillis ? 0 : sequence + 1;
                lastMillis = Math.max(now, lastMillis);
                entry = new Entry(lastMillis + "-" + sequence, event);
                log.put(entry.position(), event);
                trim(now);
            }
            appended.emitNext(entry, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
            return entry.position();
        });
    }

    private void trim(long now) {
        String oldest = (now - retention.toMillis()) + "-0";
        while (!log.isEmpty() && (log.size() > maxEvents || FeedLog.compare(log.firstKey(), oldest) < 0)) {
            log.pollFirstEntry();
        }
    }

    @Override
    public Flux<Entry> after(@Nullable String position, int limit) {
        return Flux.defer(() -> {
            NavigableMap<String, String> tail = position == null ? log : log.tailMap(position, false);
            return Flux.fromIterable(List.copyOf(tail.entrySet()))
                    .take(limit)
                    .map(entry -> new Entry(entry.getKey(), entry.getValue()));
        });
    }

    @Override
    public Flux<Entry> live() {
        return appended.asFlux();
    }

    @Override
    public Flux<Entry> claim(String group, String consumer, int limit, Duration minIdle) {
        return Flux.defer(() -> {
            List<Entry> claimed = new ArrayList<>();
            Instant now = clock.instant();
            synchronized (this) {
                Group state = groups.computeIfAbsent(group, g -> {
                    Group fresh = new Group();
                    fresh.cursor = log.isEmpty() ? null : log.lastKey();
                    return fresh;
                });
                for (Map.Entry<String, Pending> pending : state.pending.entrySet()) {
                    String event = log.get(pending.getKey());
                    if (claimed.size() < limit
                            && event != null
                            && pending.getValue().handedOut().plus(minIdle).isBefore(now)) {
                        pending.setValue(new Pending(consumer, now));
                        claimed.add(new Entry(pending.getKey(), event));
                    }
                }
                NavigableMap<String, String> fresh = state.cursor == null ? log : log.tailMap(state.cursor, false);
                for (Map.Entry<String, String> entry : fresh.entrySet()) {
                    if (claimed.size() >= limit) break;
                    state.cursor = entry.getKey();
                    state.pending.put(entry.getKey(), new Pending(consumer, now));
                    claimed.add(new Entry(entry.getKey(), entry.getValue()));
                }
            }
            return Flux.fromIterable(claimed);
        });
    }

    @Override
    public Mono<Void> ack(String group, String position) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                Group state = groups.get(group);
                if (state != null) state.pending.remove(position);
            }
        });
    }

    @Override
    public Mono<Boolean> lease(String key, String owner, Duration ttl) {
        return Mono.fromSupplier(() -> {
            Instant now = clock.instant();
            synchronized (leases) {
                Pending held = leases.get(key);
                if (held != null
                        && !held.consumer().equals(owner)
                        && held.handedOut().isAfter(now)) {
                    return false;
                }
                leases.put(key, new Pending(owner, now.plus(ttl)));
                return true;
            }
        });
    }
}
