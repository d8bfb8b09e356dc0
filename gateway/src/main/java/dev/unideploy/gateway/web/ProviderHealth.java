package dev.unideploy.gateway.web;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.provider.ProviderHandle;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Whether each provider connection answers: a cheap probe (its app list), remembered for a short while so that
 * listing providers does not hit every provider on every call.
 */
public final class ProviderHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final AsyncLoadingCache<ProviderHandle, Provider.HealthEnum> probes;

    public ProviderHealth(Duration remember) {
        this.probes = Caffeine.newBuilder()
                .expireAfterWrite(remember)
                .buildAsync((handle, executor) -> handle.adapter()
                        .listApps()
                        .map(apps -> Provider.HealthEnum.UP)
                        .timeout(PROBE_TIMEOUT)
                        .onErrorReturn(Provider.HealthEnum.DOWN)
                        .toFuture());
    }

    public Mono<Provider.HealthEnum> of(ProviderHandle handle) {
        // the probe is shared by every caller: one client hanging up must not cancel it for the others
        return Mono.fromFuture(() -> probes.get(handle), true);
    }
}
