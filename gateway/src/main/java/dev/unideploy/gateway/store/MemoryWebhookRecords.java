package dev.unideploy.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhook subscriptions and deliveries in this instance's memory: one instance only, lost on restart. */
public final class MemoryWebhookRecords implements WebhookRecords {

    private record Listed(String id, long order) {}

    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private final Cache<String, String> deliveries;
    private final Map<String, List<Listed>> bySubscription = new ConcurrentHashMap<>();
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private long order;

    public MemoryWebhookRecords(Duration retention) {
        this.deliveries = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public Mono<Void> saveSubscription(String id, String json) {
        return Mono.fromRunnable(() -> subscriptions.put(id, json));
    }

    @Override
    public Mono<String> subscription(String id) {
        return Mono.fromSupplier(() -> subscriptions.get(id));
    }

    @Override
    public Flux<String> subscriptions() {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(subscriptions.values())));
    }

    @Override
    public Mono<Boolean> removeSubscription(String id) {
        return Mono.fromSupplier(() -> subscriptions.remove(id) != null);
    }

    @Override
    public Mono<Boolean> enqueue(String subscriptionId, String deliveryId, String json, Instant when) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                if (deliveries.getIfPresent(deliveryId) != null) {
                    return false;
                }
                deliveries.put(deliveryId, json);
                bySubscription
                        .computeIfAbsent(subscriptionId, s -> new ArrayList<>())
                        .add(new Listed(deliveryId, order++));
                due.put(deliveryId, when);
                return true;
            }
        });
    }

    @Override
    public Mono<Void> saveDelivery(String deliveryId, String json) {
        return Mono.fromRunnable(() -> deliveries.put(deliveryId, json));
    }

    @Override
    public Mono<String> delivery(String deliveryId) {
        return Mono.fromSupplier(() -> deliveries.getIfPresent(deliveryId));
    }

    @Override
    public Flux<String> deliveries(String subscriptionId, int offset, int limit) {
        return Flux.defer(() -> {
            List<Listed> listed;
            synchronized (this) {
                List<Listed> all = bySubscription.getOrDefault(subscriptionId, List.of());
                all.removeIf(entry -> deliveries.getIfPresent(entry.id()) == null);
                listed = new ArrayList<>(all);
            }
            listed.sort(Comparator.comparingLong(Listed::order).reversed());
            return Flux.fromIterable(listed).skip(offset).take(limit).map(Listed::id);
        });
    }

    @Override
    public Flux<String> claimDue(Instant now, int limit, Duration lease) {
        return Flux.defer(() -> {
            List<String> claimed = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<String, Instant> entry : due.entrySet()) {
                    if (claimed.size() >= limit) break;
                    if (!entry.getValue().isAfter(now)) {
                        entry.setValue(now.plus(lease));
                        claimed.add(entry.getKey());
                    }
                }
            }
            return Flux.fromIterable(claimed);
        });
    }

    @Override
    public Mono<Void> schedule(String deliveryId, Instant when) {
        return Mono.fromRunnable(() -> due.put(deliveryId, when));
    }

    @Override
    public Mono<Void> unschedule(String deliveryId) {
        return Mono.fromRunnable(() -> due.remove(deliveryId));
    }
}
