package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.gateway.store.CancelledDeployments;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderAdapter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** A {@link DeploymentService} over test adapters, its cancel ledger in memory, and a client that may do anything. */
final class Connections {

    static final ClientPrincipal CLIENT = new ClientPrincipal("test", Set.of(Scope.ADMIN), Set.of());

    private Connections() {}

    static DeploymentService service(ProviderAdapter... adapters) {
        List<ProviderHandle> handles = Arrays.stream(adapters)
                .map(adapter -> new ProviderHandle(adapter.connection().id(), "scripted", adapter, false))
                .toList();
        return new DeploymentService(new ProviderRegistry(handles), new CancelLedger(new Ledger()));
    }

    /** The cancel ledger's store, in memory. */
    static final class Ledger implements CancelledDeployments {
        private final Map<String, Deployment> cancelled = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> remember(String id, Deployment deployment) {
            return Mono.fromRunnable(() -> cancelled.put(id, deployment));
        }

        @Override
        public Mono<Deployment> find(String id) {
            return Mono.justOrEmpty(cancelled.get(id));
        }

        @Override
        public Mono<Set<String>> cancelledAmong(Collection<String> ids) {
            return Mono.just(ids.stream().filter(cancelled::containsKey).collect(Collectors.toSet()));
        }
    }
}
