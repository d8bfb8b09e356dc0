package dev.unideploy.gateway;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An in-memory provider for the gateway's own tests: offset-paged lists, deployments whose status tests set,
 * call counters, and a switch that makes every call fail. State is per connection id and static, so tests reach
 * the instance the gateway created through {@link #state(String)}.
 */
public final class FakeProvider implements ProviderAdapter {

    /** What a test sees and steers of one fake connection. */
    public static final class State {
        public final List<Deployment> deployments = new CopyOnWriteArrayList<>();
        public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        public final List<String> unsupported = new CopyOnWriteArrayList<>();
        public volatile boolean failing;
        /** Cancel removes the deployment, as Dokploy's queue clean drops a waiting job. */
        public volatile boolean dropOnCancel;

        public int calls(String operation) {
            return calls.computeIfAbsent(operation, k -> new AtomicInteger()).get();
        }

        public Deployment add(String app, String id, Lifecycle lifecycle, Instant createdAt) {
            Deployment deployment = Deployment.builder(id, app)
                    .lifecycle(lifecycle)
                    .createdAt(createdAt)
                    .build();
            deployments.add(deployment);
            return deployment;
        }

        public void set(String id, Lifecycle lifecycle) {
            deployments.replaceAll(d -> d.id().equals(id) ? d.withLifecycle(lifecycle) : d);
        }

        public void reset() {
            deployments.clear();
            calls.clear();
            unsupported.clear();
            failing = false;
            dropOnCancel = false;
        }
    }

    private static final Map<String, State> STATES = new ConcurrentHashMap<>();

    public static State state(String connectionId) {
        return STATES.computeIfAbsent(connectionId, id -> new State());
    }

    /** Registered in META-INF/services for tests only. */
    public static final class Factory implements ProviderAdapterFactory {
        @Override
        public String type() {
            return "fake";
        }

        @Override
        public ProviderAdapter create(ProviderConnection connection) {
            connection.requireSetting("token");
            return new FakeProvider(connection);
        }
    }

    private final ProviderConnection connection;
    private final State state;
    private final AtomicInteger sequence = new AtomicInteger();

    private FakeProvider(ProviderConnection connection) {
        this.connection = connection;
        this.state = state(connection.id());
    }

    private <T> Mono<T> call(String operation, java.util.function.Supplier<T> body) {
        return Mono.defer(() -> {
            state.calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            if (state.failing) {
                return Mono.error(new ProviderException.Unavailable("fake provider is down", 503, null, null));
            }
            return Mono.justOrEmpty(body.get());
        });
    }

    @Override
    public ProviderConnection connection() {
        return connection;
    }

    @Override
    public Map<Capability, Support> capabilities() {
        Map<Capability, Support> capabilities = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            capabilities.put(
                    capability, state.unsupported.contains(capability.name()) ? Support.UNSUPPORTED : Support.NATIVE);
        }
        capabilities.put(Capability.EVENTS, Support.UNSUPPORTED);
        return capabilities;
    }

    /** The fake deploys a given branch, and nothing else a trigger may ask for. */
    @Override
    public Set<SourceField> sourceFields() {
        return Set.of(SourceField.BRANCH);
    }

    @Override
    public Mono<List<App>> listApps() {
        return call("apps", () -> List.of(new App("app-a", "A", null, null), new App("app-b", "B", null, null)));
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return call(
                "trigger",
                () -> state.add(
                        request.appId(),
                        "dep-" + sequence.incrementAndGet() + "-" + request.correlationId(),
                        Lifecycle.queued("queued"),
                        Instant.now()));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return call("list", () -> {
            List<Deployment> all = new ArrayList<>(state.deployments.stream()
                    .filter(d -> d.appId().equals(appId))
                    .toList());
            all.sort(Comparator.comparing(Deployment::createdAt).reversed());
            int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
            int end = Math.min(all.size(), offset + limit);
            return new DeploymentPage(
                    all.subList(Math.min(offset, end), end), end < all.size() ? Integer.toString(end) : null);
        });
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return call("get", () -> find(deploymentId));
    }

    private Deployment find(String deploymentId) {
        return state.deployments.stream()
                .filter(d -> d.id().equals(deploymentId))
                .findFirst()
                .orElseThrow(() -> new ProviderException.NotFound("Deployment not found.", 404));
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return call("logs", () -> {
            Deployment deployment = find(deploymentId);
            return new Logs(
                    List.of(
                            LogLine.of("building " + deploymentId),
                            LogLine.of("status " + deployment.lifecycle().providerStatus())),
                    deployment.terminal());
        });
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return call("cancel", () -> {
            Deployment before = find(deploymentId);
            if (before.terminal()) {
                throw new ProviderException.Conflict("the deployment is already finished", 409);
            }
            if (state.dropOnCancel) {
                state.deployments.removeIf(d -> d.id().equals(deploymentId));
                return before.withLifecycle(Lifecycle.cancelled("queued"));
            }
            state.set(deploymentId, Lifecycle.failed("error"));
            return find(deploymentId);
        });
    }

    @Override
    public Mono<Void> delete(String deploymentId) {
        return call("delete", () -> {
                    find(deploymentId);
                    state.deployments.removeIf(d -> d.id().equals(deploymentId));
                    return true;
                })
                .then();
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.just(Map.of("Authorization", "Bearer " + connection.requireSetting("token")));
    }
}
