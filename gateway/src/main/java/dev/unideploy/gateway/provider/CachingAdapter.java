package dev.unideploy.gateway.provider;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.TriggerRequest;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Deployment reads and list pages from memory: finished deployments (immutable) for long, in-progress ones and list
 * pages for a short window that coalesces every caller's polling into one provider call. The gateway's own writes
 * evict what they change before their answer reaches the caller, so the caller's next read goes to the provider.
 * A read that fills the cache carries the Reactor context (the caller's {@code traceparent}) of the caller that
 * started it.
 */
final class CachingAdapter extends ForwardingAdapter {

    /** One page of one app's deployments, as the adapter was asked for it. */
    private record ListKey(String appId, @Nullable String pageToken, int limit) {}

    private final AsyncCache<String, Deployment> deployments;
    private final AsyncCache<ListKey, DeploymentPage> lists;

    CachingAdapter(ProviderAdapter delegate, Governance rules, Ticker ticker) {
        super(delegate);
        this.deployments = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(rules.cacheSize())
                .expireAfter(Expiry.<String, Deployment>creating(
                        (id, deployment) -> deployment.terminal() ? rules.terminalTtl() : rules.coalesceWindow()))
                .buildAsync();
        this.lists = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(rules.cacheSize())
                .expireAfterWrite(rules.coalesceWindow())
                .buildAsync();
    }

    /** Drops every cached read: the next reads go to the provider. */
    void clear() {
        deployments.synchronous().invalidateAll();
        lists.synchronous().invalidateAll();
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return shared(
                lists, new ListKey(appId, pageToken, limit), () -> delegate.listDeployments(appId, pageToken, limit));
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return shared(deployments, deploymentId, () -> delegate.getDeployment(deploymentId));
    }

    /**
     * The cached value, or one load shared by every caller that asks meanwhile. A caller that leaves does not cancel
     * the load the others wait for.
     */
    private static <K, V> Mono<V> shared(AsyncCache<K, V> cache, K key, Supplier<Mono<V>> load) {
        return Mono.deferContextual(context -> Mono.fromFuture(
                () -> cache.get(
                        key, (k, executor) -> load.get().contextWrite(context).toFuture()),
                true));
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return delegate.trigger(request).transform(evicting(null));
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return delegate.cancel(deploymentId).transform(evicting(deploymentId));
    }

    @Override
    public Mono<Void> delete(String deploymentId) {
        return delegate.delete(deploymentId).transform(evicting(deploymentId));
    }

    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return delegate.rollback(deploymentId).transform(evicting(deploymentId));
    }

    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return delegate.promote(deploymentId, request).transform(evicting(deploymentId));
    }

    /**
     * Evicts what a write changes — the deployment, and every cached list of this connection (a new or changed
     * deployment shows in them) — before the write's result reaches the caller (evicting after would race with the
     * caller's next read).
     */
    private <T> Function<Mono<T>, Mono<T>> evicting(@Nullable String deploymentId) {
        Runnable evict = () -> {
            if (deploymentId != null) {
                deployments.synchronous().invalidate(deploymentId);
            }
            lists.synchronous().invalidateAll();
        };
        return write -> write.doOnTerminate(evict).doOnCancel(evict);
    }

    @Override
    public String toString() {
        return "CachingAdapter[" + connection().id() + "]";
    }
}
