package dev.unideploy.gateway.provider;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** An adapter whose reads and writes a test sets, counting the calls that reached it. */
final class StubAdapter implements ProviderAdapter {

    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger triggers = new AtomicInteger();
    volatile Function<Integer, Mono<Deployment>> get = attempt -> Mono.just(deployment("d1", false));
    volatile Function<Integer, Mono<DeploymentPage>> list = attempt -> Mono.just(new DeploymentPage(List.of(), null));
    volatile Function<Integer, Mono<Deployment>> trigger = attempt -> Mono.just(deployment("new", false));

    static Deployment deployment(String id, boolean terminal) {
        return Deployment.builder(id, "app")
                .lifecycle(terminal ? Lifecycle.succeeded("done") : Lifecycle.inProgress("running", null))
                .build();
    }

    @Override
    public ProviderConnection connection() {
        return new ProviderConnection(
                "stub", "stub", URI.create("http://127.0.0.1:9"), Map.of(), HttpClient.newHttpClient(), b -> b);
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return Support.matrix(Set.of(Capability.values()), Set.of());
    }

    @Override
    public Mono<List<App>> listApps() {
        return Mono.just(List.of());
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return Mono.defer(() -> trigger.apply(triggers.incrementAndGet()));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return Mono.defer(() -> list.apply(lists.incrementAndGet()));
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return Mono.defer(() -> get.apply(gets.incrementAndGet()));
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return Mono.just(new Logs(List.of(), false));
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.just(Map.of());
    }
}
