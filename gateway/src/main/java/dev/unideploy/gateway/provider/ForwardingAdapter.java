package dev.unideploy.gateway.provider;

import dev.unideploy.spi.App;
import dev.unideploy.spi.CancelScope;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An adapter that hands every call to another one: the base of the gateway's decorators, each of which overrides
 * only what it changes.
 */
public abstract class ForwardingAdapter implements ProviderAdapter {

    protected final ProviderAdapter delegate;

    protected ForwardingAdapter(ProviderAdapter delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProviderConnection connection() {
        return delegate.connection();
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public Set<SourceField> sourceFields() {
        return delegate.sourceFields();
    }

    @Override
    public Mono<List<App>> listApps() {
        return delegate.listApps();
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return delegate.trigger(request);
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return delegate.listDeployments(appId, pageToken, limit);
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return delegate.getDeployment(deploymentId);
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return delegate.logs(deploymentId, tail);
    }

    @Override
    public Mono<Progress> progress(String deploymentId) {
        return delegate.progress(deploymentId);
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return delegate.cancel(deploymentId);
    }

    @Override
    public CancelScope cancelScope() {
        return delegate.cancelScope();
    }

    @Override
    public Mono<Void> delete(String deploymentId) {
        return delegate.delete(deploymentId);
    }

    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return delegate.events(deploymentId);
    }

    @Override
    public Mono<RuntimeHealth> runtime(String deploymentId) {
        return delegate.runtime(deploymentId);
    }

    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return delegate.rollback(deploymentId);
    }

    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return delegate.promote(deploymentId, request);
    }

    @Override
    public Mono<ScaleResult> scale(String appId, int replicas) {
        return delegate.scale(appId, replicas);
    }

    @Override
    public Mono<List<Revision>> revisions(String appId) {
        return delegate.revisions(appId);
    }

    @Override
    public Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        return delegate.setTraffic(appId, splits);
    }

    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return delegate.findCreated(creation, sentAt);
    }

    @Override
    public Mono<Integer> replicas(String appId) {
        return delegate.replicas(appId);
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return delegate.authHeaders();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
