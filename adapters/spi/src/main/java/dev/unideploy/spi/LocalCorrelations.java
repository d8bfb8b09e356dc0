package dev.unideploy.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** {@link Correlations} in a bounded map in this JVM: the least recently used entries go first. */
final class LocalCorrelations implements Correlations {

    static final int CAPACITY = 100_000;

    private final Map<String, String> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public Mono<String> recall(String key) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                return entries.get(key);
            }
        });
    }

    @Override
    public Mono<Map<String, String>> recallAll(Collection<String> keys) {
        return Mono.fromSupplier(() -> {
            Map<String, String> found = new LinkedHashMap<>();
            synchronized (entries) {
                for (String key : keys) {
                    String value = entries.get(key);
                    if (value != null) {
                        found.put(key, value);
                    }
                }
            }
            return Map.copyOf(found);
        });
    }

    @Override
    public Mono<String> remember(String key, String value) {
        return Mono.fromSupplier(() -> {
            synchronized (entries) {
                String held = entries.putIfAbsent(key, value);
                return held == null ? value : held;
            }
        });
    }

    @Override
    public String toString() {
        return "Correlations[memory]";
    }
}
