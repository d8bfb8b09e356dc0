package dev.unideploy.gateway.provider;

import dev.unideploy.spi.Capability;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Support;
import reactor.core.publisher.Mono;

/**
 * One provider connection as the gateway holds it: the adapter (already decorated by the gateway) and what it
 * supports.
 */
public record ProviderHandle(String id, String type, ProviderAdapter adapter, boolean sandbox) {

    public Support support(Capability capability) {
        return adapter.capabilities().getOrDefault(capability, Support.UNSUPPORTED);
    }

    /** Fails with {@link ProviderException.Unsupported} — before anything is sent — unless supported. */
    public Mono<ProviderHandle> require(Capability capability) {
        return support(capability) == Support.UNSUPPORTED
                ? Mono.error(new ProviderException.Unsupported(capability))
                : Mono.just(this);
    }

    @Override
    public String toString() {
        return "ProviderHandle[" + id + " (" + type + ")]";
    }
}
