package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.AppsApi;
import dev.unideploy.gateway.api.model.AppList;
import dev.unideploy.gateway.api.model.ProviderFailure;
import dev.unideploy.gateway.api.model.RevisionList;
import dev.unideploy.gateway.api.model.ScaleRequest;
import dev.unideploy.gateway.api.model.ScaleResult;
import dev.unideploy.gateway.api.model.TrafficRequest;
import dev.unideploy.gateway.api.model.TrafficResponse;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Apps across providers, and the app-level operations: scale, revisions, traffic. */
@RestController
class AppsController implements AppsApi {

    private final ProviderRegistry registry;
    private final DeploymentService service;
    private final SecretRedaction redaction;
    private final Idempotency idempotency;
    private final DeploymentWrites writes;

    AppsController(
            ProviderRegistry registry,
            DeploymentService service,
            SecretRedaction redaction,
            Idempotency idempotency,
            DeploymentWrites writes) {
        this.registry = registry;
        this.service = service;
        this.redaction = redaction;
        this.idempotency = idempotency;
        this.writes = writes;
    }

    @Override
    public Mono<ResponseEntity<AppList>> listApps(@Nullable String provider, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        List<ProviderHandle> handles = provider == null
                ? registry.all().stream().filter(h -> client.mayUse(h.id())).toList()
                : List.of(service.resolve(client, provider));
        List<ProviderFailure> errors = new ArrayList<>();
        return Flux.fromIterable(handles)
                .filter(handle -> handle.support(Capability.APPS) != Support.UNSUPPORTED)
                .flatMapSequential(handle -> service.apps(client, handle)
                        .flatMapIterable(apps -> apps.value().stream()
                                .map(app -> ApiMapping.toApp(handle, app))
                                .toList())
                        .onErrorResume(error -> {
                            synchronized (errors) {
                                errors.add(Failures.toProviderFailure(handle.id(), error, redaction));
                            }
                            return Flux.empty();
                        }))
                .collectList()
                .map(items -> ResponseEntity.ok(new AppList(items, List.copyOf(errors))));
    }

    @Override
    public Mono<ResponseEntity<ScaleResult>> scaleApp(
            String appId,
            Mono<ScaleRequest> scaleRequest,
            @Nullable String idempotencyKey,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId app = GlobalId.parse("appId", appId);
        return scaleRequest.flatMap(request -> idempotency.run(
                exchange, client, idempotencyKey, request, writes.scale(client, app, request.getReplicas())));
    }

    @Override
    public Mono<ResponseEntity<RevisionList>> listRevisions(String appId, ServerWebExchange exchange) {
        return service.revisions(ClientPrincipal.of(exchange), GlobalId.parse("appId", appId))
                .map(found -> ResponseEntity.ok(new RevisionList(
                        found.value().stream().map(ApiMapping::toRevision).toList())));
    }

    @Override
    public Mono<ResponseEntity<TrafficResponse>> setTraffic(
            String appId,
            Mono<TrafficRequest> trafficRequest,
            @Nullable String idempotencyKey,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId app = GlobalId.parse("appId", appId);
        return trafficRequest
                .filter(request -> request.getSplits() != null
                        && request.getSplits().stream().allMatch(Objects::nonNull))
                .switchIfEmpty(Mono.error(ApiException.invalid("splits", "must be a list of splits, none null")))
                .flatMap(request -> idempotency.run(
                        exchange,
                        client,
                        idempotencyKey,
                        request,
                        writes.traffic(
                                client,
                                app,
                                request.getSplits().stream()
                                        .map(ApiMapping::fromTrafficSplit)
                                        .toList())));
    }
}
