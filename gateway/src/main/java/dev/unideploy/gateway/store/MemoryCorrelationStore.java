package dev.unideploy.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.spi.Correlations;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Correlations in this instance's memory: forgotten when it restarts (adapters then fall back on what they can). */
public final class MemoryCorrelationStore implements CorrelationStore {

    private final Cache<String, String> entries = Caffeine.newBuilder()
            .expireAfterWrite(RETENTION)
            .maximumSize(200_000)
            .build();

    @Override
    public Correlations forConnection(String connectionId) {
        String prefix = connectionId + ":";
        return new Correlations() {
            @Override
            public Mono<String> recall(String key) {
                return Mono.fromSupplier(() -> entries.getIfPresent(prefix + key));
            }

            @Override
            public Mono<Map<String, String>> recallAll(Collection<String> keys) {
                return Mono.fromSupplier(() -> {
                    Map<String, String> found = new LinkedHashMap<>();
                    keys.forEach(key -> {
                        String value = entries.getIfPresent(prefix + key);
                        if (value != null) {
                            found.put(key, value);
                        }
                    });
                    return Map.copyOf(found);
                });
            }

            @Override
            public Mono<String> remember(String key, String value) {
                return Mono.fromSupplier(() -> {
                    String held = entries.asMap().putIfAbsent(prefix + key, value);
                    return held == null ? value : held;
                });
            }

            @Override
            public String toString() {
                return "Correlations[memory, " + connectionId + "]";
            }
        };
    }

    @Override
    public void close() {
        entries.invalidateAll();
    }

    @Override
    public String toString() {
        return "MemoryCorrelationStore[" + entries.estimatedSize() + " entries]";
    }
}
