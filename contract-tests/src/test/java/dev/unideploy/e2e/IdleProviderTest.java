package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.provider.Governance;
import dev.unideploy.gateway.provider.ProviderConnections;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through a provider connection as the gateway makes it (cache, resilience, adapter, transport) to the
 * Dokploy simulator, which closes idle keep-alive connections as Node does, its limit shortened from 5 s: calls
 * after idle gaps longer than that limit succeed, the circuit breaker records no failure, and the simulator holds
 * exactly the deployment that was triggered.
 */
class IdleProviderTest {

    static final Duration SERVER_IDLE = Duration.ofMillis(250);
    static Sandbox sandbox;

    static ProviderConnections connections;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(50)));
        sandbox.keepAlive("dokploy", SERVER_IDLE);
        connections = new ProviderConnections(
                new Governance(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        2,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(10),
                        64,
                        Duration.ZERO,
                        Duration.ZERO,
                        100),
                CircuitBreakerRegistry.ofDefaults(),
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        connections.close();
        sandbox.close();
    }

    @Test
    void callsAfterIdleGapsLongerThanTheServersLimitSucceedAndWriteOnce() throws InterruptedException {
        SimulatedProvider dokploy = sandbox.provider("dokploy");
        ProviderHandle handle =
                connections.connect("dok", "dokploy", dokploy.baseUrl().toString(), dokploy.settings(), true);
        String app = dokploy.apps().get(0).id();
        int before =
                handle.adapter().listDeployments(app, null, 50).block().items().size();

        idle();
        assertThat(handle.adapter().listApps().block()).isNotEmpty();
        idle();
        handle.adapter()
                .trigger(new TriggerRequest(app, Source.EMPTY, null, false, "idle-17"))
                .block();
        idle();
        assertThat(handle.adapter().listApps().block()).isNotEmpty();

        // the provider got the one trigger sent, and the connection's breaker saw no failure
        assertThat(dokploy.server()
                        .findAll(postRequestedFor(urlPathEqualTo("/api/application.deploy")))
                        .size())
                .isEqualTo(1);
        CircuitBreaker.Metrics calls = connections.circuitBreaker("dok").getMetrics();
        assertThat(calls.getNumberOfFailedCalls()).isZero();
        assertThat(calls.getNumberOfSuccessfulCalls()).isGreaterThanOrEqualTo(4);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> handle.adapter()
                                .listDeployments(app, null, 50)
                                .block()
                                .items()
                                .size()
                        == before + 1);
    }

    /** Longer than the simulator keeps an idle connection; an idle gap is real time. */
    private static void idle() throws InterruptedException {
        Thread.sleep(SERVER_IDLE.multipliedBy(3).toMillis());
    }
}
