package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.DeploymentsApi;
import dev.unideploy.gateway.api.model.Deployment;
import dev.unideploy.gateway.api.model.DeploymentList;
import dev.unideploy.gateway.api.model.DeploymentStatus;
import dev.unideploy.gateway.api.model.LogPage;
import dev.unideploy.gateway.api.model.PromoteRequest;
import dev.unideploy.gateway.api.model.Runtime;
import dev.unideploy.gateway.api.model.TriggerDeploymentRequest;
import dev.unideploy.gateway.api.model.TriggerSource;
import dev.unideploy.gateway.deployment.DeploymentLister;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Deployments: trigger, list, get (and wait), cancel, delete, logs, runtime, rollback, promote. */
@RestController
class DeploymentsController implements DeploymentsApi {

    /** As the spec bounds them. */
    static final int MAX_APPS_PER_LIST = 50;

    static final int MAX_CURSOR = 2000;

    private final DeploymentService service;
    private final DeploymentLister lister;
    private final DeploymentWatcher watcher;
    private final ApiMapping mapping;
    private final Idempotency idempotency;
    private final SecretRedaction redaction;

    DeploymentsController(
            DeploymentService service,
            DeploymentLister lister,
            DeploymentWatcher watcher,
            ApiMapping mapping,
            Idempotency idempotency,
            SecretRedaction redaction) {
        this.service = service;
        this.lister = lister;
        this.watcher = watcher;
        this.mapping = mapping;
        this.idempotency = idempotency;
        this.redaction = redaction;
    }

    @Override
    public Mono<ResponseEntity<Deployment>> triggerDeployment(
            Mono<TriggerDeploymentRequest> body, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request -> idempotency.run(client, idempotencyKey, target(exchange), request, () -> {
                    GlobalId app = GlobalId.parse("appId", request.getAppId());
                    TriggerSource source = request.getSource();
                    TriggerRequest trigger = new TriggerRequest(
                            app.local(),
                            source == null
                                    ? Source.EMPTY
                                    : new Source(
                                            source.getBranch(),
                                            source.getCommitSha(),
                                            null,
                                            source.getImage(),
                                            source.getArtifactId()),
                            request.getEnvironment(),
                            Boolean.TRUE.equals(request.getForce()),
                            UUID.randomUUID().toString().replace("-", ""));
                    return service.trigger(client, app, trigger).map(this::accepted);
                }));
    }

    @Override
    public Mono<ResponseEntity<DeploymentList>> listDeployments(
            @Nullable List<String> appId,
            @Nullable DeploymentStatus status,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        if (appId != null && appId.size() > MAX_APPS_PER_LIST) {
            return Mono.error(ApiException.invalid("appId", "at most " + MAX_APPS_PER_LIST + " apps per list"));
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR)) {
            return Mono.error(ApiException.invalid("cursor", "is not a cursor this API issued"));
        }
        Mono<DeploymentLister.Page> page = Mono.defer(() -> cursor != null
                ? lister.next(client, cursor, limit)
                : lister.first(
                        client,
                        appId == null
                                ? List.of()
                                : appId.stream()
                                        .map(id -> GlobalId.parse("appId", id))
                                        .toList(),
                        status == null ? null : ApiMapping.toStatus(status),
                        limit));
        return page.map(found -> ResponseEntity.ok(new DeploymentList(
                        found.items().stream()
                                .map(item -> mapping.toDeployment(item, false))
                                .toList(),
                        found.errors().stream()
                                .map(failure ->
                                        Failures.toProviderFailure(failure.provider(), failure.error(), redaction))
                                .toList())
                .nextCursor(found.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<Deployment>> getDeployment(
            String id,
            @Nullable String include,
            @Nullable String waitFor,
            Integer timeoutSeconds,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        if (include != null && !include.equals("raw")) {
            return Mono.error(ApiException.invalid("include", "must be 'raw'"));
        }
        if (waitFor != null && !waitFor.equals("terminal")) {
            return Mono.error(ApiException.invalid("waitFor", "must be 'terminal'"));
        }
        boolean raw = include != null;
        Mono<Located<dev.unideploy.spi.Deployment>> found = "terminal".equals(waitFor)
                ? watcher.awaitTerminal(client, deployment, Duration.ofSeconds(timeoutSeconds))
                        .flatMap(seen -> raw ? service.get(client, deployment) : Mono.just(seen))
                : service.get(client, deployment);
        return found.map(d -> ResponseEntity.ok(mapping.toDeployment(d, raw)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteDeployment(
            String id, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        return writeOn(
                id,
                idempotencyKey,
                exchange,
                (client, deployment) -> service.delete(client, deployment)
                        .then(Mono.just(ResponseEntity.noContent().<Void>build())));
    }

    @Override
    public Mono<ResponseEntity<Deployment>> cancelDeployment(
            String id, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        return writeOn(
                id,
                idempotencyKey,
                exchange,
                (client, deployment) -> service.cancel(client, deployment)
                        .map(cancelled -> ResponseEntity.ok(mapping.toDeployment(cancelled, false))));
    }

    @Override
    public Mono<ResponseEntity<LogPage>> getDeploymentLogs(
            String id, @Nullable Integer tail, ServerWebExchange exchange) {
        return service.logs(ClientPrincipal.of(exchange), GlobalId.parse("id", id), tail)
                .map(logs -> ResponseEntity.ok(ApiMapping.toLogPage(logs.value())));
    }

    @Override
    public Mono<ResponseEntity<Runtime>> getDeploymentRuntime(String id, ServerWebExchange exchange) {
        return service.runtime(ClientPrincipal.of(exchange), GlobalId.parse("id", id))
                .map(runtime -> ResponseEntity.ok(ApiMapping.toRuntime(runtime.value())));
    }

    @Override
    public Mono<ResponseEntity<Deployment>> rollbackDeployment(
            String id, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        return writeOn(
                id,
                idempotencyKey,
                exchange,
                (client, deployment) -> service.rollback(client, deployment).map(this::accepted));
    }

    @Override
    public Mono<ResponseEntity<Deployment>> promoteDeployment(
            String id, Mono<PromoteRequest> body, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request -> idempotency.run(
                        client,
                        idempotencyKey,
                        target(exchange),
                        request,
                        () -> service.promote(
                                        client,
                                        deployment,
                                        new dev.unideploy.spi.PromoteRequest(
                                                request.getEnvironment(),
                                                request.getStrategy() == null
                                                        ? null
                                                        : request.getStrategy().getValue()))
                                .map(this::accepted)));
    }

    /** A body-less write on one deployment, run once per Idempotency-Key. */
    private <T> Mono<ResponseEntity<T>> writeOn(
            String id,
            @Nullable String idempotencyKey,
            ServerWebExchange exchange,
            BiFunction<ClientPrincipal, GlobalId, Mono<ResponseEntity<T>>> write) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        return idempotency.run(client, idempotencyKey, target(exchange), id, () -> write.apply(client, deployment));
    }

    private static String target(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value();
    }

    /** 202 with the new deployment and its {@code Location}. */
    private ResponseEntity<Deployment> accepted(Located<dev.unideploy.spi.Deployment> created) {
        Deployment deployment = mapping.toDeployment(created, false);
        return ResponseEntity.accepted()
                .location(URI.create(deployment.getLinks().getSelf()))
                .body(deployment);
    }
}
