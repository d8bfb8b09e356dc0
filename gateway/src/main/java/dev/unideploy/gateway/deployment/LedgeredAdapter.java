package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.provider.ForwardingAdapter;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An adapter whose answers show what the {@link CancelLedger} knows: a cancel through it is recorded, and every
 * deployment it reads — one, a list page, a poll, a stream's status — reads as cancelled if this gateway cancelled
 * it (also once the provider has dropped it).
 */
final class LedgeredAdapter extends ForwardingAdapter {

    private final CancelLedger ledger;
    private final String connection;

    LedgeredAdapter(ProviderAdapter delegate, CancelLedger ledger) {
        super(delegate);
        this.ledger = ledger;
        this.connection = delegate.connection().id();
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return delegate.getDeployment(deploymentId)
                .onErrorResume(ProviderException.NotFound.class, gone -> remembered(deploymentId, gone))
                .flatMap(deployment -> ledger.apply(connection, deployment));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return delegate.listDeployments(appId, pageToken, limit)
                .flatMap(page -> ledger.apply(connection, page.items())
                        .map(items -> new DeploymentPage(items, page.nextPageToken())));
    }

    @Override
    public Mono<Progress> progress(String deploymentId) {
        return delegate.progress(deploymentId)
                .onErrorResume(
                        ProviderException.NotFound.class,
                        gone -> remembered(deploymentId, gone).map(deployment -> new Progress(deployment, List.of())))
                .flatMap(progress -> ledger.apply(connection, progress.deployment())
                        .map(deployment -> new Progress(deployment, progress.logs())));
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return delegate.cancel(deploymentId)
                .flatMap(cancelled -> ledger.record(id(deploymentId), cancelled).thenReturn(cancelled))
                .flatMap(cancelled -> ledger.apply(connection, cancelled));
    }

    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return delegate.events(deploymentId)
                .concatMap(event -> event instanceof DeploymentEvent.StatusChanged changed
                        ? ledger.apply(connection, changed.deployment()).map(DeploymentEvent.StatusChanged::new)
                        : Mono.just(event));
    }

    /** A deployment the provider no longer has, as it was cancelled through the gateway; else the not-found. */
    private Mono<Deployment> remembered(String deploymentId, ProviderException.NotFound gone) {
        return ledger.remembered(id(deploymentId)).switchIfEmpty(Mono.error(gone));
    }

    private GlobalId id(String deploymentId) {
        return new GlobalId(connection, deploymentId);
    }

    @Override
    public String toString() {
        return "LedgeredAdapter[" + connection + "]";
    }
}
