package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Time limits, retries and the circuit breaker, on virtual time. */
class ResilientAdapterTest {

    static final Duration READ = Duration.ofSeconds(10);

    private final StubAdapter stub = new StubAdapter();
    private final Governance rules = new Governance(
            READ,
            Duration.ofSeconds(30),
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            64,
            Duration.ofSeconds(1),
            Duration.ofMinutes(10),
            100);
    private final CircuitBreaker breaker = rules.circuitBreaker(CircuitBreakerRegistry.ofDefaults(), "stub");
    private final ResilientAdapter adapter = new ResilientAdapter(
            stub, rules, breaker, rules.bulkhead("stub"), new ProviderMetrics(new SimpleMeterRegistry(), "stub"));

    @Test
    @DisplayName("a read that hangs ends as a timeout at the read timeout, its retries included")
    void aHangingReadEndsAtTheReadTimeout() {
        stub.get = attempt -> Mono.never();
        StepVerifier.withVirtualTime(() -> adapter.getDeployment("d1"))
                .expectSubscription()
                .expectNoEvent(READ.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectError(ProviderException.Timeout.class)
                .verify(Duration.ofSeconds(5));
        assertThat(stub.gets).hasValue(1);
    }

    @Test
    @DisplayName("attempts that fail slowly are retried only while the read timeout leaves time: never 3 × the limit")
    void slowFailuresStayWithinTheReadTimeout() {
        stub.get = attempt -> Mono.delay(Duration.ofSeconds(4))
                .then(Mono.error(new ProviderException.Unavailable("reset", null, null, null)));
        StepVerifier.withVirtualTime(() -> adapter.getDeployment("d1"))
                .expectSubscription()
                .thenAwait(READ)
                .expectError()
                .verify(Duration.ofSeconds(5));
        assertThat(stub.gets).hasValue(3);
    }

    @Test
    @DisplayName("transport failures are retried with backoff; the third attempt's answer is the read's")
    void transportFailuresAreRetried() {
        Deployment found = StubAdapter.deployment("d1", true);
        stub.get = attempt -> attempt < 3
                ? Mono.error(new ProviderException.Unavailable("refused", null, null, null))
                : Mono.just(found);
        StepVerifier.withVirtualTime(() -> adapter.getDeployment("d1"))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(found)
                .verifyComplete();
        assertThat(stub.gets).hasValue(3);
    }

    @Test
    @DisplayName("a provider's own error answer (500) is neither retried nor counted against the circuit")
    void errorAnswersAreNotRetried() {
        stub.get = attempt -> Mono.error(ProviderException.forStatus(500, null, "record not found"));
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(adapter.getDeployment("d1"))
                    .expectError(ProviderException.BadResponse.class)
                    .verify(Duration.ofSeconds(5));
        }
        assertThat(stub.gets).hasValue(20);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    @DisplayName("five (or twenty) 404 reads do not open the circuit; ten unreachable calls do")
    void onlyTransportTroubleOpensTheCircuit() {
        stub.get = attempt -> Mono.error(new ProviderException.NotFound("Deployment not found.", 404));
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(adapter.getDeployment("nope"))
                    .expectError(ProviderException.NotFound.class)
                    .verify(Duration.ofSeconds(5));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        stub.trigger = attempt -> Mono.error(new ProviderException.Unavailable("refused", null, null, null));
        for (int i = 0; i < 10; i++) {
            StepVerifier.create(adapter.trigger(new TriggerRequest("app", Source.EMPTY, null, false, "c")))
                    .expectError(ProviderException.Unavailable.class)
                    .verify(Duration.ofSeconds(5));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        StepVerifier.create(adapter.getDeployment("d1"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ProviderException.Unavailable.class)
                        .hasMessageContaining("circuit open"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("writes are never retried")
    void writesAreNotRetried() {
        // the transport failure a read retries (see transportFailuresAreRetried)
        stub.trigger = attempt -> Mono.error(new ProviderException.Unavailable("reset", null, null, null));
        // No clock needed: a retried write would end only after its retries, so once its error has arrived the count
        // is final. (Virtual time here would swap the JVM-wide schedulers under the Spring contexts other test
        // classes keep running in this JVM.)
        StepVerifier.create(adapter.trigger(new TriggerRequest("app", Source.EMPTY, null, false, "c")))
                .expectError(ProviderException.Unavailable.class)
                .verify(Duration.ofSeconds(30));
        assertThat(stub.triggers).hasValue(1);
    }
}
