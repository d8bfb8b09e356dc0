package dev.unideploy.gateway.deployment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * The deployments this gateway cancelled. Some providers report a kill as a failure (Dokploy's {@code killProcess}
 * writes {@code error}); a deployment cancelled through the gateway that later reads as failed is reported as
 * cancelled, its provider status kept. One the provider drops altogether (Dokploy's queue clean) is answered as it
 * was cancelled.
 */
public final class CancelLedger {

    private final Cache<String, Deployment> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(7))
            .build();

    /** Remembers {@code deployment}, as the cancel answered it, as cancelled by this gateway. */
    public void record(GlobalId id, Deployment deployment) {
        cancelled.put(
                id.toString(),
                deployment.withLifecycle(
                        Lifecycle.cancelled(deployment.lifecycle().providerStatus())));
    }

    public boolean contains(GlobalId id) {
        return cancelled.getIfPresent(id.toString()) != null;
    }

    /** The deployment as it was cancelled, if this gateway cancelled it. */
    public Optional<Deployment> remembered(GlobalId id) {
        return Optional.ofNullable(cancelled.getIfPresent(id.toString()));
    }

    /** The deployment as the client should see it. */
    public Deployment apply(String connection, Deployment deployment) {
        if (deployment.status() == Status.FAILED && contains(new GlobalId(connection, deployment.id()))) {
            return deployment.withLifecycle(
                    Lifecycle.cancelled(deployment.lifecycle().providerStatus()));
        }
        return deployment;
    }
}
