package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.Deployment;
import dev.unideploy.gateway.api.model.ScaleResult;
import dev.unideploy.gateway.api.model.TrafficResponse;
import dev.unideploy.gateway.api.model.TriggerDeploymentRequest;
import dev.unideploy.gateway.api.model.TriggerSource;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * Every write of the API as {@link Idempotency} runs it: what it sends, and how what it did is found at the provider
 * when its answer was lost — the same response either way.
 */
final class DeploymentWrites {

    private final DeploymentService service;
    private final WriteOutcomes outcomes;
    private final ApiMapping mapping;

    DeploymentWrites(DeploymentService service, WriteOutcomes outcomes, ApiMapping mapping) {
        this.service = service;
        this.outcomes = outcomes;
        this.mapping = mapping;
    }

    /** The trigger; the attempt's id is its correlation value (Dokploy's title). */
    Write<Deployment> trigger(ClientPrincipal client, TriggerDeploymentRequest request) {
        GlobalId app = GlobalId.parse("appId", request.getAppId());
        return new Write<>(
                attempt -> service.trigger(client, app, toTrigger(request, app, attempt.id()))
                        .map(this::accepted),
                attempt -> outcomes.created(
                                client,
                                app.connection(),
                                new Creation.Trigger(toTrigger(request, app, attempt.id())),
                                attempt.sentAt())
                        .map(this::accepted),
                "the deployment may have been created");
    }

    Write<Deployment> cancel(ClientPrincipal client, GlobalId id) {
        return new Write<>(
                attempt -> service.cancel(client, id).map(this::ok),
                attempt -> outcomes.cancelled(client, id).map(this::ok),
                "the deployment may have been cancelled");
    }

    Write<Void> delete(ClientPrincipal client, GlobalId id) {
        return new Write<>(
                attempt -> service.delete(client, id)
                        .then(Mono.just(ResponseEntity.noContent().<Void>build())),
                attempt -> outcomes.deleted(client, id)
                        .map(gone -> ResponseEntity.noContent().<Void>build()),
                "the deployment's record may have been deleted");
    }

    Write<Deployment> rollback(ClientPrincipal client, GlobalId id) {
        return new Write<>(
                attempt -> service.rollback(client, id).map(this::accepted),
                attempt -> outcomes.created(
                                client, id.connection(), new Creation.Rollback(id.local()), attempt.sentAt())
                        .map(this::accepted),
                "the rollback deployment may have been created");
    }

    Write<Deployment> promote(ClientPrincipal client, GlobalId id, PromoteRequest request) {
        return new Write<>(
                attempt -> service.promote(client, id, request).map(this::accepted),
                attempt -> outcomes.created(
                                client, id.connection(), new Creation.Promote(id.local(), request), attempt.sentAt())
                        .map(this::accepted),
                "the deployment may have been promoted");
    }

    Write<ScaleResult> scale(ClientPrincipal client, GlobalId app, int replicas) {
        return new Write<>(
                attempt -> service.scale(client, app, replicas)
                        .map(scaled -> ResponseEntity.ok(ApiMapping.toScaleResult(scaled.provider(), scaled.value()))),
                attempt -> outcomes.scaled(client, app, replicas)
                        .map(scaled -> ResponseEntity.ok(ApiMapping.toScaleResult(scaled.provider(), scaled.value()))),
                "the app may have been scaled");
    }

    Write<TrafficResponse> traffic(ClientPrincipal client, GlobalId app, List<TrafficSplit> splits) {
        return new Write<>(
                attempt -> service.setTraffic(client, app, splits).map(DeploymentWrites::traffic),
                attempt -> outcomes.trafficSet(client, app, splits).map(DeploymentWrites::traffic),
                "the traffic split may have been changed");
    }

    private static ResponseEntity<TrafficResponse> traffic(Located<List<TrafficSplit>> set) {
        return ResponseEntity.ok(new TrafficResponse(
                set.value().stream().map(ApiMapping::toTrafficSplit).toList()));
    }

    private static TriggerRequest toTrigger(TriggerDeploymentRequest request, GlobalId app, String correlationId) {
        TriggerSource source = request.getSource();
        return new TriggerRequest(
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
                correlationId);
    }

    // dev.unideploy.spi.Deployment in full: the imported API model has its simple name
    private ResponseEntity<Deployment> ok(Located<dev.unideploy.spi.Deployment> deployment) {
        return ResponseEntity.ok(mapping.toDeployment(deployment, false));
    }

    /** 202 with the new deployment and its {@code Location}. */
    ResponseEntity<Deployment> accepted(Located<dev.unideploy.spi.Deployment> created) {
        Deployment deployment = mapping.toDeployment(created, false);
        return ResponseEntity.accepted()
                .location(URI.create(deployment.getLinks().getSelf()))
                .body(deployment);
    }
}
