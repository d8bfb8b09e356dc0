package dev.unideploy.gateway.audit;

import dev.unideploy.gateway.store.AuditRecords;
import dev.unideploy.gateway.store.FeedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records mutating calls — in the shared store, and as one JSON line each on the {@code unideploy.audit} logger —
 * and reads them back, newest first, filtered.
 */
public final class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger("unideploy.audit");
    private static final Logger trouble = LoggerFactory.getLogger(AuditTrail.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Records read per store call while filtering, and store calls per page at most. */
    private static final int BATCH = 500;

    private static final int MAX_BATCHES = 20;

    /** One page of records, newest first; {@code nextCursor} null at the end. */
    public record Page(List<AuditRecord> items, @Nullable String nextCursor) {}

    private final AuditRecords records;
    private final Attributions attributions;

    AuditTrail(AuditRecords records, Attributions attributions) {
        this.records = records;
        this.attributions = attributions;
    }

    /** Remembers that {@code client} made the deployment; never fails the call that made it. */
    Mono<Void> attribute(String deploymentId, String client) {
        return attributions.remember(deploymentId, client).onErrorResume(error -> {
            trouble.warn(
                    "Could not store who made a deployment: {}",
                    error.getClass().getSimpleName());
            return Mono.empty();
        });
    }

    /** Records {@code record}; never fails the call it describes. */
    Mono<Void> record(AuditRecord record) {
        log.info(JSON.writeValueAsString(record));
        return records.append(JSON.writeValueAsString(record))
                .onErrorResume(error -> {
                    trouble.warn(
                            "Could not store an audit record: {}",
                            error.getClass().getSimpleName());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Records newest first, after {@code cursor} (the last id of a previous page).
     *
     * @param since only records at or after this time
     * @param client only this client's records
     * @param provider only records involving this provider connection
     */
    public Mono<Page> read(
            @Nullable Instant since,
            @Nullable String client,
            @Nullable String provider,
            int limit,
            @Nullable String cursor) {
        return Mono.defer(() -> {
            List<AuditRecord> found = new ArrayList<>();
            AtomicReference<String> position = new AtomicReference<>(cursor);
            AtomicReference<Boolean> exhausted = new AtomicReference<>(false);
            return Mono.defer(() -> records.before(position.get(), BATCH)
                            .collectList()
                            .doOnNext(batch -> {
                                for (FeedLog.Entry entry : batch) {
                                    AuditRecord record = JSON.readValue(entry.event(), AuditRecord.class)
                                            .withId(entry.position());
                                    if (since != null && record.at().isBefore(since)) {
                                        exhausted.set(true);
                                        return;
                                    }
                                    position.set(entry.position());
                                    if ((client == null || client.equals(record.client()))
                                            && (provider == null || provider.equals(record.provider()))) {
                                        found.add(record);
                                        if (found.size() == limit) return;
                                    }
                                }
                                if (batch.size() < BATCH) exhausted.set(true);
                            }))
                    .repeat(MAX_BATCHES - 1L)
                    .takeUntil(batch -> exhausted.get() || found.size() >= limit)
                    .then(Mono.fromSupplier(
                            () -> new Page(found, exhausted.get() && found.size() < limit ? null : position.get())));
        });
    }
}
