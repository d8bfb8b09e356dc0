package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.store.CorrelationStore;
import dev.unideploy.gateway.store.MemoryCorrelationStore;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Creates provider connections and their adapters through the factories found by {@link ServiceLoader}. */
public final class ProviderConnections {

    /** A last-resort bound on any single provider exchange; the gateway's own time limits are shorter. */
    static final Duration MAX_EXCHANGE = Duration.ofSeconds(60);

    private final Map<String, ProviderAdapterFactory> factories;
    private final UnaryOperator<HttpRequest.Builder> decorator;
    private final Governance rules;
    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;
    private final CorrelationStore correlations;

    public ProviderConnections(
            UnaryOperator<HttpRequest.Builder> decorator,
            Governance rules,
            CircuitBreakerRegistry breakers,
            MeterRegistry meters) {
        this(decorator, rules, breakers, meters, new MemoryCorrelationStore());
    }

    /** @param correlations where adapters remember what their providers forget (the shared store's) */
    public ProviderConnections(
            UnaryOperator<HttpRequest.Builder> decorator,
            Governance rules,
            CircuitBreakerRegistry breakers,
            MeterRegistry meters,
            CorrelationStore correlations) {
        this.correlations = correlations;
        this.factories = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toUnmodifiableMap(ProviderAdapterFactory::type, Function.identity()));
        this.decorator = decorator;
        this.rules = rules;
        this.breakers = breakers;
        this.meters = meters;
    }

    /** One handle; fails at start-up on an unknown type or a missing setting (the message names no secret). */
    public ProviderHandle connect(
            String id, String type, String baseUrl, Map<String, String> settings, boolean sandbox) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "provider connection id '" + id + "' must match [A-Za-z0-9][A-Za-z0-9_-]*");
        }
        ProviderAdapterFactory factory = factories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("provider connection '" + id + "': unknown type '" + type + "' (known: "
                    + factories.keySet().stream().sorted().toList() + ")");
        }
        URI base = URI.create(baseUrl);
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("provider connection '" + id + "': base-url must be http(s)");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
        ProviderConnection connection = new ProviderConnection(
                id, type, base, settings, client, builder -> decorator.apply(builder.timeout(MAX_EXCHANGE)));
        GovernedAdapter governed = new GovernedAdapter(
                factory.create(connection, correlations.forConnection(id)),
                rules,
                rules.circuitBreaker(breakers, id),
                rules.bulkhead(id),
                new ProviderMetrics(meters, id));
        return new ProviderHandle(id, type, governed, sandbox);
    }
}
