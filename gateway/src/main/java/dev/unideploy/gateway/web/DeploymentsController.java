package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.DeploymentsApi;
import dev.unideploy.gateway.api.model.Deployment;
import dev.unideploy.gateway.api.model.DeploymentList;
import dev.unideploy.gateway.api.model.DeploymentStatus;
import dev.unideploy.gateway.api.model.LogPage;
import dev.unideploy.gateway.api.model.PromoteRequest;
import dev.unideploy.gateway.api.model.Runtime;
import dev.unideploy.gateway.api.model.TriggerDeploymentRequest;
import dev.unideploy.gateway.deployment.DeploymentLister;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.ProviderException;
import java.time.Duration;
import java.util.List;
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

    /** How long past {@code timeoutSeconds} a wait may take to answer, at most (the spec promises one second). */
    static final Duration WAIT_MARGIN = Duration.ofMillis(900);

    private final DeploymentService service;
    private final DeploymentLister lister;
    private final DeploymentWatcher watcher;
    private final ApiMapping mapping;
    private final Idempotency idempotency;
    private final DeploymentWrites writes;
    private final SecretRedaction redaction;

    DeploymentsController(
            DeploymentService service,
            DeploymentLister lister,
            DeploymentWatcher watcher,
            ApiMapping mapping,
            Idempotency idempotency,
            DeploymentWrites writes,
            SecretRedaction redaction) {
        this.service = service;
        this.lister = lister;
        this.watcher = watcher;
        this.mapping = mapping;
        this.idempotency = idempotency;
        this.writes = writes;
        this.redaction = redaction;
    }

    @Override
    public Mono<ResponseEntity<Deployment>> triggerDeployment(
            Mono<TriggerDeploymentRequest> body, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request ->
                        idempotency.run(exchange, client, idempotencyKey, request, writes.trigger(client, request)));
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
        Duration wait = Duration.ofSeconds(timeoutSeconds);
        // dev.unideploy.spi.Deployment and .PromoteRequest in full: the imported API models have their simple names
        Mono<Located<dev.unideploy.spi.Deployment>> found = "terminal".equals(waitFor)
                ? watcher.awaitTerminal(client, deployment, wait)
                        .flatMap(seen -> raw ? service.get(client, deployment) : Mono.just(seen))
                        // the wait answers at timeoutSeconds with what it saw; a provider that never answered (a
                        // hanging read and its retries) must not hold the request beyond that
                        .timeout(
                                wait.plus(WAIT_MARGIN),
                                Mono.error(() -> new ProviderCallException(
                                        deployment.connection(),
                                        new ProviderException.Timeout(
                                                "no answer within " + timeoutSeconds + " s", null))))
                : service.get(client, deployment);
        return found.map(d -> {
            if (d.value().terminal()) {
                ConditionalReadFilter.finished(exchange);
            }
            return ResponseEntity.ok(mapping.toDeployment(d, raw));
        });
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteDeployment(
            String id, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        return writeOn(id, idempotencyKey, exchange, writes::delete);
    }

    @Override
    public Mono<ResponseEntity<Deployment>> cancelDeployment(
            String id, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        return writeOn(id, idempotencyKey, exchange, writes::cancel);
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
        return writeOn(id, idempotencyKey, exchange, writes::rollback);
    }

    @Override
    public Mono<ResponseEntity<Deployment>> promoteDeployment(
            String id, Mono<PromoteRequest> body, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request -> idempotency.run(
                        exchange,
                        client,
                        idempotencyKey,
                        request,
                        writes.promote(
                                client,
                                deployment,
                                new dev.unideploy.spi.PromoteRequest(
                                        request.getEnvironment(),
                                        request.getStrategy() == null
                                                ? null
                                                : request.getStrategy().getValue()))));
    }

    /** A body-less write on one deployment, run once per Idempotency-Key. */
    private <T> Mono<ResponseEntity<T>> writeOn(
            String id,
            @Nullable String idempotencyKey,
            ServerWebExchange exchange,
            BiFunction<ClientPrincipal, GlobalId, Write<T>> write) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        return idempotency.run(exchange, client, idempotencyKey, id, write.apply(client, deployment));
    }
}
