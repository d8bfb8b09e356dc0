package dev.unideploy.gateway.provider;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.Runtime;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * An adapter as the gateway calls it: every call passes the bulkhead, the circuit breaker and a time limit of its
 * class (reads short, writes longer, streams none); failed reads are retried with jittered backoff, writes never;
 * deployment reads are cached — finished deployments for long, in-progress ones for a short window that
 * coalesces every caller's polling into one provider call — and list pages for that short window too; the
 * gateway's own writes evict.
 */
final class GovernedAdapter implements ProviderAdapter {

    private final ProviderAdapter delegate;
    private final Governance rules;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final ProviderMetrics metrics;
    private final AsyncCache<String, Deployment> deployments;
    private final AsyncCache<ListKey, DeploymentPage> lists;

    /** One page of one app's deployments, as the adapter was asked for it. */
    private record ListKey(String appId, @Nullable String pageToken, int limit) {}

    GovernedAdapter(
            ProviderAdapter delegate,
            Governance rules,
            CircuitBreaker breaker,
            Bulkhead bulkhead,
            ProviderMetrics metrics) {
        this.delegate = delegate;
        this.rules = rules;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.metrics = metrics;
        this.deployments = Caffeine.newBuilder()
                .maximumSize(rules.cacheSize())
                .expireAfter(Expiry.<String, Deployment>creating(
                        (id, deployment) -> deployment.terminal() ? rules.terminalTtl() : rules.coalesceWindow()))
                .buildAsync();
        this.lists = Caffeine.newBuilder()
                .maximumSize(rules.cacheSize())
                .expireAfterWrite(rules.coalesceWindow())
                .buildAsync();
    }

    CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** Drops every cached read: the next reads go to the provider. */
    void clearCaches() {
        deployments.synchronous().invalidateAll();
        lists.synchronous().invalidateAll();
    }

    private <T> Mono<T> read(String operation, Mono<T> call) {
        return metrics.timed(
                operation,
                guarded(call, rules.readTimeout())
                        .retryWhen(Retry.backoff(rules.readRetries(), rules.retryBackoff())
                                .jitter(0.5)
                                .filter(GovernedAdapter::retryable)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())));
    }

    private <T> Mono<T> write(String operation, Mono<T> call) {
        return metrics.timed(operation, guarded(call, rules.writeTimeout()));
    }

    /** One attempt: bulkhead, then circuit breaker, then the call within its time limit. */
    private <T> Mono<T> guarded(Mono<T> call, Duration timeout) {
        return call.timeout(timeout)
                .onErrorMap(
                        TimeoutException.class,
                        late -> new ProviderException.Timeout("no answer within " + timeout.toMillis() + " ms", late))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .onErrorMap(
                        CallNotPermittedException.class,
                        open -> new ProviderException.Unavailable(
                                "circuit open after repeated failures; calls are refused for a while",
                                null,
                                rules.openFor(),
                                open))
                .onErrorMap(
                        BulkheadFullException.class,
                        full -> new ProviderException.Unavailable(
                                "too many calls in flight to this provider", null, Duration.ofSeconds(1), full));
    }

    /** Retry what may pass by itself; never an open circuit or a full bulkhead (that would only add load). */
    private static boolean retryable(Throwable error) {
        return Governance.isProviderTrouble(error)
                && !(error.getCause() instanceof CallNotPermittedException)
                && !(error.getCause() instanceof BulkheadFullException);
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
        return read("apps", delegate.listApps());
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return write("trigger", delegate.trigger(request)).transform(evicting(null));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        // many clients listing the same apps share one provider call per coalescing window
        return Mono.fromFuture(() -> lists.get(
                new ListKey(appId, pageToken, limit),
                (key, executor) -> read("list", delegate.listDeployments(appId, pageToken, limit))
                        .toFuture()));
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return Mono.deferContextual(context -> Mono.fromFuture(() -> deployments.get(
                deploymentId,
                (id, executor) -> read("get", delegate.getDeployment(id))
                        .contextWrite(context)
                        .toFuture())));
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return read("logs", delegate.logs(deploymentId, tail));
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return write("cancel", delegate.cancel(deploymentId)).transform(evicting(deploymentId));
    }

    @Override
    public Mono<Void> delete(String deploymentId) {
        return write("delete", delegate.delete(deploymentId)).transform(evicting(deploymentId));
    }

    /** Streams are long-lived: no time limit, no bulkhead permit held for their lifetime. */
    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return delegate.events(deploymentId);
    }

    @Override
    public Mono<Runtime> runtime(String deploymentId) {
        return read("runtime", delegate.runtime(deploymentId));
    }

    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return write("rollback", delegate.rollback(deploymentId)).transform(evicting(deploymentId));
    }

    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return write("promote", delegate.promote(deploymentId, request)).transform(evicting(deploymentId));
    }

    @Override
    public Mono<ScaleResult> scale(String appId, int replicas) {
        return write("scale", delegate.scale(appId, replicas));
    }

    @Override
    public Mono<List<Revision>> revisions(String appId) {
        return read("revisions", delegate.revisions(appId));
    }

    @Override
    public Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        return write("traffic", delegate.setTraffic(appId, splits));
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return delegate.authHeaders();
    }

    /**
     * Evicts what a write changes — the deployment, and every cached list of this connection (a new or changed
     * deployment shows in them) — before the write's result reaches the caller, so that the caller's next read goes
     * to the provider (evicting after would race with it).
     */
    private <T> java.util.function.Function<Mono<T>, Mono<T>> evicting(@Nullable String deploymentId) {
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
        return "GovernedAdapter[" + delegate.connection().id() + "]";
    }
}
