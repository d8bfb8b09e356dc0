package dev.unideploy.gateway.web;

import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.TrafficSplit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What a write whose answer was lost did, read back from the provider — never by sending a write. Each lookup answers
 * the write's result once the provider shows it, is empty while the provider shows nothing of it, and fails when the
 * provider cannot tell now.
 */
final class WriteOutcomes {

    private final DeploymentService service;

    WriteOutcomes(DeploymentService service) {
        this.service = service;
    }

    /** The deployment a trigger, rollback or promote made. */
    Mono<Located<Deployment>> created(ClientPrincipal client, String connection, Creation creation, Instant sentAt) {
        return onProvider(client, connection, adapter -> adapter.findCreated(creation, sentAt));
    }

    /**
     * The deployment once the cancel has taken: it is finished (cancelled, or, where a provider records a kill as a
     * failure, failed — either way nothing is left to cancel). Empty while it still runs or is gone.
     */
    Mono<Located<Deployment>> cancelled(ClientPrincipal client, GlobalId id) {
        return service.get(client, id)
                .filter(found -> found.value().terminal())
                .onErrorResume(WriteOutcomes::notFound, gone -> Mono.empty());
    }

    /** True once the deployment is gone; empty while the provider still has it. */
    Mono<Boolean> deleted(ClientPrincipal client, GlobalId id) {
        return onProvider(client, id.connection(), adapter -> adapter.getDeployment(id.local()))
                .map(stillThere -> false)
                .onErrorResume(WriteOutcomes::notFound, gone -> Mono.just(true))
                .filter(gone -> gone);
    }

    /** The scale once the provider holds {@code replicas} for the app; empty while it holds another count. */
    Mono<Located<ScaleResult>> scaled(ClientPrincipal client, GlobalId app, int replicas) {
        return onProvider(
                        client,
                        app.connection(),
                        adapter -> adapter.replicas(app.local())
                                .switchIfEmpty(Mono.error(() -> new ProviderException.BadResponse(
                                        "the provider does not tell the app's replicas", null, null))))
                .filter(held -> held.value() == replicas)
                .map(held -> new Located<>(held.provider(), new ScaleResult(app.local(), replicas, null, null)));
    }

    /** The split once the app's revisions show it; empty while they show another. */
    Mono<Located<List<TrafficSplit>>> trafficSet(ClientPrincipal client, GlobalId app, List<TrafficSplit> splits) {
        return onProvider(client, app.connection(), adapter -> adapter.revisions(app.local()))
                .filter(revisions -> splits.stream()
                        .allMatch(split -> revisions.value().stream()
                                .anyMatch(revision -> revision.name().equals(split.revision())
                                        && Objects.equals(revision.trafficPercent(), split.percent()))))
                .map(revisions -> new Located<>(revisions.provider(), splits));
    }

    private <T> Mono<Located<T>> onProvider(
            ClientPrincipal client, String connection, Function<ProviderAdapter, Mono<T>> read) {
        return Mono.defer(() -> {
            ProviderHandle handle = service.resolve(client, connection);
            return read.apply(handle.adapter())
                    .map(value -> new Located<>(handle, value))
                    .onErrorMap(error -> ProviderCallException.tag(handle.id(), error));
        });
    }

    /** A provider's "not found", tagged with its connection or not. */
    private static boolean notFound(Throwable error) {
        Throwable failure = error instanceof ProviderCallException call ? call.failure() : error;
        return failure instanceof ProviderException.NotFound;
    }
}
