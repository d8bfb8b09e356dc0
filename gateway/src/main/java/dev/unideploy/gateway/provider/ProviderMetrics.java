package dev.unideploy.gateway.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/** Per-provider latency histograms and outcomes: {@code unideploy.provider.requests{provider,operation,outcome}}. */
final class ProviderMetrics {

    private final MeterRegistry registry;
    private final String provider;

    ProviderMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    <T> Mono<T> timed(String operation, Mono<T> call) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            String[] outcome = {"success"};
            return call.doOnError(error -> outcome[0] = error.getClass().getSimpleName())
                    .doFinally(signal -> sample.stop(Timer.builder("unideploy.provider.requests")
                            .description("Calls from the gateway to a provider connection")
                            .tag("provider", provider)
                            .tag("operation", operation)
                            .tag("outcome", signal == SignalType.CANCEL ? "cancelled" : outcome[0])
                            .publishPercentileHistogram()
                            .register(registry)));
        });
    }
}
