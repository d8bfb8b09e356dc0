package dev.unideploy.gateway.store;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit trail shared by every instance (opaque JSON records, positions {@code <ms>-<seq>}, dropped after the
 * retention), and which client made which deployment.
 */
public interface AuditRecords {

    /** Appends a record; answers its position. */
    Mono<String> append(String json);

    /** Records before {@code position} (exclusive; null: the newest), newest first. */
    Flux<FeedLog.Entry> before(@Nullable String position, int limit);

    /** Remembers that {@code client} made the deployment {@code deploymentId} (a global id). */
    Mono<Void> attribute(String deploymentId, String client);

    /** The client that made the deployment; empty when not made through the gateway (or forgotten). */
    Mono<String> attributedTo(String deploymentId);
}
