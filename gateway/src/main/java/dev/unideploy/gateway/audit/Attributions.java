package dev.unideploy.gateway.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.gateway.store.AuditRecords;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Who made which deployment: in the shared store, and remembered here once known. */
final class Attributions implements TriggeredBy {

    private final AuditRecords records;
    private final Cache<String, String> known;

    Attributions(AuditRecords records, Duration retention) {
        this.records = records;
        this.known = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(100_000)
                .build();
    }

    Mono<Void> remember(String deploymentId, String client) {
        known.put(deploymentId, client);
        return records.attribute(deploymentId, client);
    }

    @Override
    public @Nullable String known(String deploymentId) {
        return known.getIfPresent(deploymentId);
    }

    @Override
    public void learned(String deploymentId, String client) {
        known.put(deploymentId, client);
    }

    @Override
    public Mono<String> lookup(String deploymentId) {
        String client = known.getIfPresent(deploymentId);
        if (client != null) {
            return Mono.just(client);
        }
        return records.attributedTo(deploymentId).doOnNext(found -> known.put(deploymentId, found));
    }
}
