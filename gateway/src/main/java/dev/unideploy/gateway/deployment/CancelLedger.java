package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.store.CancelledDeployments;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The deployments this gateway cancelled. Some providers report a kill as a failure (Dokploy's {@code killProcess}
 * writes {@code error}); a deployment cancelled through the gateway that later reads as failed is reported as
 * cancelled, its provider status kept. One the provider drops altogether (Dokploy's queue clean) is answered as it
 * was cancelled. Kept in the shared store, so every instance knows what any of them cancelled; if the store does not
 * answer, deployments read as their provider reports them.
 */
public final class CancelLedger {

    private static final Logger log = LoggerFactory.getLogger(CancelLedger.class);

    private final CancelledDeployments store;

    public CancelLedger(CancelledDeployments store) {
        this.store = store;
    }

    /** Remembers {@code deployment}, as the cancel answered it, as cancelled by this gateway. */
    public Mono<Void> record(GlobalId id, Deployment deployment) {
        return store.remember(id.toString(), cancelled(deployment)).onErrorResume(error -> unanswered("record", error));
    }

    /** The deployment as it was cancelled, if this gateway cancelled it. */
    public Mono<Deployment> remembered(GlobalId id) {
        return store.find(id.toString()).onErrorResume(error -> unanswered("read", error));
    }

    /** The deployment as the client should see it. */
    public Mono<Deployment> apply(String connection, Deployment deployment) {
        return apply(connection, List.of(deployment)).map(applied -> applied.get(0));
    }

    /** The deployments as the client should see them: one store lookup for all the failed ones. */
    public Mono<List<Deployment>> apply(String connection, List<Deployment> deployments) {
        List<String> failed = deployments.stream()
                .filter(deployment -> deployment.status() == Status.FAILED)
                .map(deployment -> new GlobalId(connection, deployment.id()).toString())
                .toList();
        if (failed.isEmpty()) {
            return Mono.just(deployments);
        }
        return store.cancelledAmong(failed)
                .onErrorResume(error -> unanswered("read", error).thenReturn(Set.of()))
                .map(cancelled -> deployments.stream()
                        .map(deployment -> cancelled.contains(new GlobalId(connection, deployment.id()).toString())
                                ? cancelled(deployment)
                                : deployment)
                        .toList());
    }

    private static Deployment cancelled(Deployment deployment) {
        return deployment.withLifecycle(
                Lifecycle.cancelled(deployment.lifecycle().providerStatus()));
    }

    private static <T> Mono<T> unanswered(String what, Throwable error) {
        log.warn(
                "The shared store did not answer a cancel-ledger {}: {}",
                what,
                error.getClass().getSimpleName());
        return Mono.empty();
    }
}
