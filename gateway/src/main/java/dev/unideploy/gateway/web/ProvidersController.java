package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.ProvidersApi;
import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.api.model.ProviderList;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The provider connections the client may use, with capabilities and health. */
@RestController
class ProvidersController implements ProvidersApi {

    private final ProviderRegistry registry;
    private final DeploymentService service;
    private final ProviderHealth health;

    ProvidersController(ProviderRegistry registry, DeploymentService service, ProviderHealth health) {
        this.registry = registry;
        this.service = service;
        this.health = health;
    }

    @Override
    public Mono<ResponseEntity<ProviderList>> listProviders(ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return Flux.fromIterable(registry.all())
                .filter(handle -> client.mayUse(handle.id()))
                .flatMapSequential(handle -> health.of(handle).map(state -> ProviderMapping.toProvider(handle, state)))
                .collectList()
                .map(items -> ResponseEntity.ok(new ProviderList(items)));
    }

    @Override
    public Mono<ResponseEntity<Provider>> getProvider(String provider, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> service.resolve(ClientPrincipal.of(exchange), provider))
                .flatMap(handle ->
                        health.of(handle).map(state -> ResponseEntity.ok(ProviderMapping.toProvider(handle, state))));
    }
}
