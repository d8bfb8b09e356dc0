package dev.unideploy.gateway.deployment;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An adapter whose answers a test scripts: each app's deployments in the order the "provider" lists them, paged
 * by offset in pages of its own size (the token keeps no page size: offsets mean the same with any size); one
 * deployment to watch, its log, its native stream, and failures to inject. Counts every call.
 */
final class ScriptedAdapter implements ProviderAdapter {

    final Map<String, List<Deployment>> apps = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<LogLine> log = new CopyOnWriteArrayList<>();
    volatile @Nullable Deployment watched;
    volatile @Nullable Supplier<Flux<DeploymentEvent>> stream;
    volatile @Nullable Supplier<ProviderException> failing;
    /** Answers {@link #progress} in one call, as Coolify does (its row holds the log). */
    volatile boolean progressInOne;

    private final ProviderConnection connection;
    private final int pageSize;
    private final Set<Capability> nativeOnes;

    ScriptedAdapter(String id, int pageSize, Set<Capability> nativeOnes) {
        this.connection = new ProviderConnection(
                id, "scripted", URI.create("http://127.0.0.1:9/" + id), Map.of(), HttpClient.newHttpClient(), b -> b);
        this.pageSize = pageSize;
        this.nativeOnes = nativeOnes;
    }

    int calls(String operation) {
        return calls.computeIfAbsent(operation, k -> new AtomicInteger()).get();
    }

    private <T> Mono<T> call(String operation, Supplier<T> answer) {
        return Mono.defer(() -> {
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            Supplier<ProviderException> failure = failing;
            return failure != null ? Mono.error(failure.get()) : Mono.justOrEmpty(answer.get());
        });
    }

    @Override
    public ProviderConnection connection() {
        return connection;
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return Support.matrix(nativeOnes, Set.of());
    }

    @Override
    public Mono<List<App>> listApps() {
        return call(
                "apps",
                () -> apps.keySet().stream()
                        .sorted()
                        .map(app -> new App(app, app, null, null))
                        .toList());
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return ProviderAdapter.unsupported(Capability.TRIGGER);
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return call("list", () -> {
            List<Deployment> all = apps.getOrDefault(appId, List.of());
            int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
            int end = Math.min(all.size(), offset + pageSize);
            return new DeploymentPage(
                    new ArrayList<>(all.subList(Math.min(offset, end), end)),
                    end < all.size() ? Integer.toString(end) : null);
        });
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return call("get", () -> found(deploymentId));
    }

    private Deployment found(String deploymentId) {
        Deployment deployment = watched;
        if (deployment == null || !deployment.id().equals(deploymentId)) {
            throw new ProviderException.NotFound("no deployment " + deploymentId, 404);
        }
        return deployment;
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return call("logs", () -> new Logs(List.copyOf(log), found(deploymentId).terminal()));
    }

    @Override
    public Mono<Progress> progress(String deploymentId) {
        return progressInOne
                ? call("progress", () -> new Progress(found(deploymentId), List.copyOf(log)))
                : ProviderAdapter.super.progress(deploymentId);
    }

    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return Flux.defer(() -> {
            calls.computeIfAbsent("events", k -> new AtomicInteger()).incrementAndGet();
            Supplier<Flux<DeploymentEvent>> script = stream;
            return script == null ? Flux.error(new ProviderException.Unsupported(Capability.EVENTS)) : script.get();
        });
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.just(Map.of());
    }
}
