package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The normalised operations on one deployment or app, and the only road from the gateway to an adapter: resolves
 * the connection (404 unknown, 403 outside the client's allowlist), refuses unsupported operations before anything
 * is sent (501), calls the connection's adapter behind the {@link LedgeredAdapter cancel ledger}, and tags provider
 * failures with the connection.
 */
public final class DeploymentService {

    private final ProviderRegistry registry;

    /** Each connection as this service calls it: its adapter behind the cancel ledger. */
    private final Map<String, ProviderHandle> handles;

    public DeploymentService(ProviderRegistry registry, CancelLedger ledger) {
        this.registry = registry;
        this.handles = registry.all().stream()
                .collect(Collectors.toUnmodifiableMap(
                        ProviderHandle::id,
                        handle -> new ProviderHandle(
                                handle.id(),
                                handle.type(),
                                new LedgeredAdapter(handle.adapter(), ledger),
                                handle.sandbox())));
    }

    /** The connection for {@code connectionId}, if the client may use it. */
    public ProviderHandle resolve(ClientPrincipal client, String connectionId) {
        registry.get(connectionId);
        client.checkProvider(connectionId);
        return handles.get(connectionId);
    }

    /** The connections the client may use that support {@code capability}, in configuration order. */
    public List<ProviderHandle> usable(ClientPrincipal client, Capability capability) {
        return registry.all().stream()
                .filter(handle -> client.mayUse(handle.id()) && handle.support(capability) != Support.UNSUPPORTED)
                .map(handle -> handles.get(handle.id()))
                .toList();
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
                handle -> handle.adapter().getDeployment(id.local()));
    }

    /** The deployment and its log so far, in as few provider calls as the adapter can (one poll of a watcher). */
    public Mono<Located<Progress>> progress(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.GET,
                handle -> handle.adapter().progress(id.local()));
    }

    /** One page of an app's deployments, as its adapter pages them. */
    public Mono<Located<DeploymentPage>> page(
            ClientPrincipal client, GlobalId appId, @Nullable String pageToken, int size) {
        return call(
                client,
                appId.connection(),
                Capability.LIST,
                handle -> handle.adapter().listDeployments(appId.local(), pageToken, size));
    }

    /** The provider's native live stream of a deployment; failures tagged with the connection. */
    public Flux<DeploymentEvent> events(ClientPrincipal client, GlobalId id) {
        return call(client, id.connection(), Capability.EVENTS, handle -> Mono.just(handle.adapter()))
                .flatMapMany(adapter -> adapter.value()
                        .events(id.local())
                        .onErrorMap(error -> ProviderCallException.tag(id.connection(), error)));
    }

    public Mono<Located<Deployment>> trigger(ClientPrincipal client, GlobalId appId, TriggerRequest request) {
        return call(
                client,
                appId.connection(),
                Capability.TRIGGER,
                handle -> TriggerSources.refuseUnsupported(handle, request.source())
                        .then(handle.adapter().trigger(request)));
    }

    /** Cancels a queued or in-progress deployment; 409 if it is already finished (the adapter's answer). */
    public Mono<Located<Deployment>> cancel(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.CANCEL,
                handle -> handle.adapter().cancel(id.local()));
    }

    /** Deletes a finished deployment's record; 409 while it is queued or in progress (nothing sent then). */
    public Mono<Void> delete(ClientPrincipal client, GlobalId id) {
        return call(
                        client,
                        id.connection(),
                        Capability.DELETE,
                        handle -> handle.adapter()
                                .getDeployment(id.local())
                                .flatMap(current -> current.terminal()
                                        ? handle.adapter().delete(id.local()).thenReturn(true)
                                        : Mono.error(ApiException.conflict("Deployment " + id + " is "
                                                + current.status().name().toLowerCase()
                                                + "; only a finished deployment's record can be deleted. Cancel it"
                                                + " or wait for it to finish."))))
                .then();
    }

    public Mono<Located<Logs>> logs(ClientPrincipal client, GlobalId id, @Nullable Integer tail) {
        return call(
                client,
                id.connection(),
                Capability.LOGS,
                handle -> handle.adapter().logs(id.local(), tail));
    }

    public Mono<Located<RuntimeHealth>> runtime(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.RUNTIME,
                handle -> handle.adapter().runtime(id.local()));
    }

    /**
     * Rolls back to {@code id}: only a succeeded deployment ran something to return to, so any other known status
     * is 409 and nothing is sent (a status the gateway does not know is left to the provider to judge).
     */
    public Mono<Located<Deployment>> rollback(ClientPrincipal client, GlobalId id) {
        return call(
                client,
                id.connection(),
                Capability.ROLLBACK,
                handle -> handle.adapter()
                        .getDeployment(id.local())
                        .flatMap(target -> target.status() == Status.SUCCEEDED || target.status() == Status.UNKNOWN
                                ? handle.adapter().rollback(id.local())
                                : Mono.error(ApiException.conflict("Deployment " + id + " is "
                                        + target.status().name().toLowerCase()
                                        + "; only a succeeded deployment can be a rollback target."))));
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

    /**
     * Health's cheap probe of a connection (its app list), on no client's behalf: it answers whether the provider
     * answers, so no allowlist or capability check applies.
     */
    public Mono<List<App>> probe(String connectionId) {
        return Mono.defer(() -> {
            registry.get(connectionId);
            return handles.get(connectionId).adapter().listApps();
        });
    }
}
