package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.Runtime;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The normalised operations on one deployment or app: resolves the connection (404 unknown, 403 outside the
 * client's allowlist), refuses unsupported operations before anything is sent (501), and tags provider failures
 * with the connection.
 */
public final class DeploymentService {

    private final ProviderRegistry registry;
    private final CancelLedger ledger;

    public DeploymentService(ProviderRegistry registry, CancelLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
    }

    /** The connection for {@code connectionId}, if the client may use it. */
    public ProviderHandle resolve(ClientPrincipal client, String connectionId) {
        ProviderHandle handle = registry.get(connectionId);
        client.checkProvider(connectionId);
        return handle;
    }

    private <T> Mono<Located<T>> call(
            ClientPrincipal client,
            String connection,
            Capability capability,
            Function<ProviderHandle, Mono<T>> operation) {
        return Mono.defer(() -> {
            ProviderHandle handle = resolve(client, connection);
            return handle.require(capability)
                    .flatMap(operation)
                    .map(value -> new Located<>(handle, value))
                    .onErrorMap(error -> ProviderCallException.tag(handle.id(), error));
        });
    }

    public Mono<Located<Deployment>> get(ClientPrincipal client, GlobalId id) {
        return call(
                        client,
                        id.connection(),
                        Capability.GET,
                        handle -> handle.adapter()
                                .getDeployment(id.local())
                                .onErrorResume(
                                        ProviderException.NotFound.class,
                                        gone -> ledger.remembered(id).switchIfEmpty(Mono.error(gone))))
                .flatMap(this::withLedger);
    }

    public Mono<Located<Deployment>> trigger(ClientPrincipal client, GlobalId appId, TriggerRequest request) {
        return call(
                client,
                appId.connection(),
                Capability.TRIGGER,
                handle -> TriggerSources.refuseUnsupported(handle, request.source())
                        .then(handle.adapter().trigger(request)));
    }

    /** Cancels a queued or in-progress deployment; 409 if it is already finished (nothing sent then). */
    public Mono<Located<Deployment>> cancel(ClientPrincipal client, GlobalId id) {
        return call(
                        client,
                        id.connection(),
                        Capability.CANCEL,
                        handle -> handle.adapter()
                                .getDeployment(id.local())
                                .flatMap(current -> current.terminal()
                                        ? Mono.error(ApiException.conflict("Deployment " + id + " is already "
                                                + current.status().name().toLowerCase()
                                                + "; there is nothing to cancel."))
                                        : handle.adapter().cancel(id.local())))
                .flatMap(cancelled -> ledger.record(id, cancelled.value()).thenReturn(cancelled))
                .flatMap(this::withLedger);
    }

    public Mono<Void> delete(ClientPrincipal client, GlobalId id) {
        return call(
                        client,
                        id.connection(),
                        Capability.DELETE,
                        handle -> handle.adapter().delete(id.local()).thenReturn(true))
                .then();
    }

    public Mono<Located<Logs>> logs(ClientPrincipal client, GlobalId id, @Nullable Integer tail) {
        return call(
                client,
                id.connection(),
                Capability.LOGS,
                handle -> handle.adapter().logs(id.local(), tail));
    }

    public Mono<Located<Runtime>> runtime(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.RUNTIME,
                handle -> handle.adapter().runtime(id.local()));
    }

    public Mono<Located<Deployment>> rollback(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.ROLLBACK,
                handle -> handle.adapter().rollback(id.local()));
    }

    public Mono<Located<Deployment>> promote(ClientPrincipal client, GlobalId id, PromoteRequest request) {
        return call(
                client,
                id.connection(),
                Capability.PROMOTE,
                handle -> handle.adapter().promote(id.local(), request));
    }

    public Mono<Located<ScaleResult>> scale(ClientPrincipal client, GlobalId appId, int replicas) {
        return call(
                client,
                appId.connection(),
                Capability.SCALE,
                handle -> handle.adapter().scale(appId.local(), replicas));
    }

    public Mono<Located<List<Revision>>> revisions(ClientPrincipal client, GlobalId appId) {
        return call(
                client,
                appId.connection(),
                Capability.REVISIONS,
                handle -> handle.adapter().revisions(appId.local()));
    }

    /** Splits traffic; 400 unless the percentages sum to 100 (checked before anything is sent). */
    public Mono<Located<List<TrafficSplit>>> setTraffic(
            ClientPrincipal client, GlobalId appId, List<TrafficSplit> splits) {
        int sum = splits.stream().mapToInt(TrafficSplit::percent).sum();
        if (sum != 100) {
            return Mono.error(ApiException.invalid("splits", "percentages must sum to 100, not " + sum));
        }
        return call(
                client,
                appId.connection(),
                Capability.TRAFFIC,
                handle -> handle.adapter().setTraffic(appId.local(), splits));
    }

    public Mono<Located<List<App>>> apps(ClientPrincipal client, ProviderHandle handle) {
        return call(client, handle.id(), Capability.APPS, h -> h.adapter().listApps());
    }

    private Mono<Located<Deployment>> withLedger(Located<Deployment> located) {
        return ledger.apply(located.provider().id(), located.value())
                .map(deployment -> new Located<>(located.provider(), deployment));
    }

    public CancelLedger ledger() {
        return ledger;
    }
}
