package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.deployment.CancelLedger;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.gateway.store.CancelledDeployments;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ProviderHealthTest {

    @Test
    void probesTheConnectionThroughTheServiceOncePerConnection() {
        ProbedAdapter adapter = new ProbedAdapter(Mono.just(List.of()));
        ProviderHandle registered = new ProviderHandle("probed", "stub", adapter, false);
        DeploymentService service = service(registered);
        ProviderHealth health = new ProviderHealth(service, Duration.ofMinutes(1));

        ProviderHandle resolved = service.resolve(new ClientPrincipal("t", Set.of(Scope.ADMIN), Set.of()), "probed");

        assertThat(health.of(registered).block()).isEqualTo(Provider.HealthEnum.UP);
        assertThat(health.of(resolved).block()).isEqualTo(Provider.HealthEnum.UP);
        // the registry's handle and the service's handle are one connection: one probe reached the provider
        assertThat(adapter.probes.get()).isEqualTo(1);
    }

    @Test
    void aFailingProviderIsDown() {
        ProbedAdapter adapter = new ProbedAdapter(Mono.error(new IOException("connection refused")));
        ProviderHandle registered = new ProviderHandle("probed", "stub", adapter, false);
        ProviderHealth health = new ProviderHealth(service(registered), Duration.ofMinutes(1));

        assertThat(health.of(registered).block()).isEqualTo(Provider.HealthEnum.DOWN);
        assertThat(adapter.probes.get()).isEqualTo(1);
    }

    private static DeploymentService service(ProviderHandle handle) {
        return new DeploymentService(new ProviderRegistry(List.of(handle)), new CancelLedger(new NoCancels()));
    }

    /** Answers its app list as told, counting the calls; nothing else is called by a probe. */
    private static final class ProbedAdapter implements ProviderAdapter {
        final AtomicInteger probes = new AtomicInteger();
        private final Mono<List<App>> apps;

        ProbedAdapter(Mono<List<App>> apps) {
            this.apps = apps;
        }

        @Override
        public ProviderConnection connection() {
            return new ProviderConnection(
                    "probed", "stub", URI.create("http://127.0.0.1:9"), Map.of(), HttpClient.newHttpClient(), b -> b);
        }

        @Override
        public Map<Capability, Support> capabilities() {
            return Support.matrix(Set.of(Capability.values()), Set.of());
        }

        @Override
        public Mono<List<App>> listApps() {
            return Mono.defer(() -> {
                probes.incrementAndGet();
                return apps;
            });
        }

        @Override
        public Mono<Deployment> trigger(TriggerRequest request) {
            return Mono.error(new AssertionError("a probe triggers nothing"));
        }

        @Override
        public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
            return Mono.error(new AssertionError("a probe lists no deployments"));
        }

        @Override
        public Mono<Deployment> getDeployment(String deploymentId) {
            return Mono.error(new AssertionError("a probe reads no deployment"));
        }

        @Override
        public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
            return Mono.error(new AssertionError("a probe reads no logs"));
        }

        @Override
        public Mono<Map<String, String>> authHeaders() {
            return Mono.just(Map.of());
        }
    }

    private static final class NoCancels implements CancelledDeployments {
        @Override
        public Mono<Void> remember(String id, Deployment deployment) {
            return Mono.empty();
        }

        @Override
        public Mono<Deployment> find(String id) {
            return Mono.empty();
        }

        @Override
        public Mono<Set<String>> cancelledAmong(Collection<String> ids) {
            return Mono.just(Set.of());
        }
    }
}
