package dev.unideploy.gateway.audit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Which gateway client made a deployment (its {@code triggeredBy}), for deployments made through the gateway. */
public interface TriggeredBy {

    /** Knows nothing: for tests and tools that build the mapping alone. */
    TriggeredBy NONE = new TriggeredBy() {
        @Override
        public @Nullable String known(String deploymentId) {
            return null;
        }

        @Override
        public Mono<String> lookup(String deploymentId) {
            return Mono.empty();
        }
    };

    /** What this instance knows without asking the shared store (it made it, or has looked it up). */
    @Nullable
    String known(String deploymentId);

    /** The client, from the shared store; empty if none is known. */
    Mono<String> lookup(String deploymentId);

    /** Learns, for {@link #known}, what another instance found out (e.g. from an event it published). */
    default void learned(String deploymentId, String client) {}
}
