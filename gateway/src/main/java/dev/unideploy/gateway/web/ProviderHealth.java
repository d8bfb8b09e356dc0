package dev.unideploy.gateway.web;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.provider.ProviderHandle;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Whether each provider connection answers: a cheap probe (its app list, through {@link DeploymentService#probe}),
 * remembered for a short while so that listing providers does not hit every provider on every call.
 */
public final class ProviderHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** By connection id: the registry's handle and the service's handle of one connection share a probe. */
    private final AsyncLoadingCache<String, Provider.HealthEnum> probes;

    public ProviderHealth(DeploymentService service, Duration remember) {
        this.probes = Caffeine.newBuilder()
                .expireAfterWrite(remember)
                .buildAsync((connection, executor) -> service.probe(connection)
                        .map(apps -> Provider.HealthEnum.UP)
                        .timeout(PROBE_TIMEOUT)
                        .onErrorReturn(Provider.HealthEnum.DOWN)
                        .toFuture());
    }

    public Mono<Provider.HealthEnum> of(ProviderHandle handle) {
        // the probe is shared by every caller: one client hanging up must not cancel it for the others
        return Mono.fromFuture(() -> probes.get(handle.id()), true);
    }
}
