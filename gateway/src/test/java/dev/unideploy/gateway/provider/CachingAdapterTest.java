package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.TriggerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/** Coalescing, the long life of finished deployments, eviction by writes and the caller's context; a manual clock. */
class CachingAdapterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StubAdapter stub = new StubAdapter();
    private final Governance rules = new Governance(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            64,
            Duration.ofSeconds(1),
            Duration.ofMinutes(10),
            100);
    private final CachingAdapter adapter = new CachingAdapter(stub, rules, nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    @DisplayName("reads of an in-progress deployment within the window share one provider call; after it, a new one")
    void coalescesInProgressReads() {
        for (int i = 0; i < 10; i++) {
            adapter.getDeployment("d1").block();
        }
        assertThat(stub.gets).hasValue(1);
        advance(Duration.ofMillis(1001));
        adapter.getDeployment("d1").block();
        assertThat(stub.gets).hasValue(2);
    }

    @Test
    @DisplayName("a finished deployment is served from memory for the terminal TTL")
    void keepsFinishedDeployments() {
        stub.get = attempt -> Mono.just(StubAdapter.deployment("d1", true));
        adapter.getDeployment("d1").block();
        advance(Duration.ofMinutes(9));
        adapter.getDeployment("d1").block();
        assertThat(stub.gets).hasValue(1);
        advance(Duration.ofMinutes(2));
        adapter.getDeployment("d1").block();
        assertThat(stub.gets).hasValue(2);
    }

    @Test
    @DisplayName("the gateway's own write evicts: the next read and list go to the provider")
    void writesEvict() {
        adapter.getDeployment("d1").block();
        adapter.listDeployments("app", null, 20).block();
        adapter.trigger(new TriggerRequest("app", Source.EMPTY, null, false, "c"))
                .block();
        adapter.listDeployments("app", null, 20).block();
        assertThat(stub.lists).hasValue(2);
        adapter.cancel("d1").onErrorResume(unsupported -> Mono.empty()).block();
        adapter.getDeployment("d1").block();
        assertThat(stub.gets).hasValue(2);
    }

    @Test
    @DisplayName("a list read carries the caller's Reactor context (its traceparent), as a deployment read does")
    void listsKeepTheCallersContext() {
        AtomicReference<String> seen = new AtomicReference<>();
        stub.list = attempt -> Mono.deferContextual(context -> {
            seen.set(context.getOrDefault(ProviderHttp.TRACEPARENT, "none"));
            return Mono.just(new DeploymentPage(List.of(), null));
        });
        adapter.listDeployments("app", null, 20)
                .contextWrite(Context.of(ProviderHttp.TRACEPARENT, "00-trace-span-01"))
                .block();
        assertThat(seen).hasValue("00-trace-span-01");
    }

    @Test
    @DisplayName("a caller that leaves does not cancel the read the others share")
    void aLeavingCallerDoesNotCancelTheSharedRead() {
        Sinks.One<Deployment> answer = Sinks.one();
        stub.get = attempt -> answer.asMono();
        var leaving = adapter.getDeployment("d1").subscribe();
        var staying = adapter.getDeployment("d1").toFuture();
        leaving.dispose();
        answer.tryEmitValue(StubAdapter.deployment("d1", false));
        assertThat(staying.join().id()).isEqualTo("d1");
        assertThat(stub.gets).hasValue(1);
    }
}
