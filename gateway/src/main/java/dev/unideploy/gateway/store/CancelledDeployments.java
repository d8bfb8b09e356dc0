package dev.unideploy.gateway.store;

import dev.unideploy.spi.Deployment;
import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Mono;

/** The deployments this gateway cancelled, by global id, as their cancel answered them. */
public interface CancelledDeployments {

    Mono<Void> remember(String id, Deployment cancelled);

    /** The deployment as it was cancelled; empty unless this gateway cancelled it. */
    Mono<Deployment> find(String id);

    /** Which of {@code ids} this gateway cancelled. */
    Mono<Set<String>> cancelledAmong(Collection<String> ids);
}
