package dev.unideploy.gateway.provider;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An adapter called within the gateway's {@link Governance rules}: every call passes the bulkhead, the circuit
 * breaker and a time limit of its class, and is timed. A read, its retries (safe reads only, with jittered backoff)
 * included, ends within the read timeout; a write is never retried. Streams pass untouched: they are long-lived
 * and hold no bulkhead permit.
 */
final class ResilientAdapter extends ForwardingAdapter {

    private final Governance rules;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final ProviderMetrics metrics;

    ResilientAdapter(
            ProviderAdapter delegate,
            Governance rules,
            CircuitBreaker breaker,
            Bulkhead bulkhead,
            ProviderMetrics metrics) {
        super(delegate);
        this.rules = rules;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.metrics = metrics;
    }

    /** Attempts until one succeeds, the failure is not worth retrying, or the read's time is up. */
    private <T> Mono<T> read(String operation, Mono<T> call) {
        return metrics.timed(operation, Mono.defer(() -> {
            ReadDeadline deadline = ReadDeadline.after(rules.readTimeout());
            return Mono.defer(() -> guarded(call, deadline.remaining()))
                    .retryWhen(
                            deadline.retries(rules.readRetries(), rules.retryBackoff(), ResilientAdapter::retryable));
        }));
    }

    private <T> Mono<T> write(String operation, Mono<T> call) {
        return metrics.timed(operation, guarded(call, rules.writeTimeout()));
    }

    /** One attempt: bulkhead, then circuit breaker, then the call within its time limit. */
    private <T> Mono<T> guarded(Mono<T> call, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return Mono.error(new ProviderException.Timeout("no time left for another attempt", null));
        }
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
    static boolean retryable(Throwable error) {
        return Governance.isProviderTrouble(error)
                && !(error.getCause() instanceof CallNotPermittedException)
                && !(error.getCause() instanceof BulkheadFullException);
    }

    CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public Mono<List<App>> listApps() {
        return read("apps", delegate.listApps());
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return write("trigger", delegate.trigger(request));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return read("list", delegate.listDeployments(appId, pageToken, limit));
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return read("get", delegate.getDeployment(deploymentId));
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return read("logs", delegate.logs(deploymentId, tail));
    }

    @Override
    public Mono<Progress> progress(String deploymentId) {
        return read("progress", delegate.progress(deploymentId));
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return write("cancel", delegate.cancel(deploymentId));
    }

    @Override
    public Mono<Void> delete(String deploymentId) {
        return write("delete", delegate.delete(deploymentId));
    }

    @Override
    public Mono<RuntimeHealth> runtime(String deploymentId) {
        return read("runtime", delegate.runtime(deploymentId));
    }

    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return write("rollback", delegate.rollback(deploymentId));
    }

    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return write("promote", delegate.promote(deploymentId, request));
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

    /** Finding what a write whose answer was lost made is a read: time limit and retries, never cached. */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return read("reconcile", delegate.findCreated(creation, sentAt));
    }

    @Override
    public Mono<Integer> replicas(String appId) {
        return read("replicas", delegate.replicas(appId));
    }

    @Override
    public String toString() {
        return "ResilientAdapter[" + connection().id() + "]";
    }
}
