package dev.unideploy.gateway.deployment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import java.time.Duration;

/**
 * The deployments this gateway cancelled. Some providers report a kill as a failure (Dokploy's {@code killProcess}
 * writes {@code error}); a deployment cancelled through the gateway that later reads as failed is reported as
 * cancelled, its provider status kept.
 */
public final class CancelLedger {

    private final Cache<String, Boolean> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(7))
            .build();

    public void record(GlobalId id) {
        cancelled.put(id.toString(), Boolean.TRUE);
    }

    public boolean contains(GlobalId id) {
        return cancelled.getIfPresent(id.toString()) != null;
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
