package dev.unideploy.gateway.provider;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.store.CorrelationStore;
import dev.unideploy.gateway.store.MemoryCorrelationStore;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Creates provider connections through the factories found by {@link ServiceLoader}, each adapter decorated as the
 * gateway calls it: {@link CachingAdapter} over {@link ResilientAdapter} over the provider's own adapter.
 */
public final class ProviderConnections implements AutoCloseable {

    /** The decorators of one connection, and its transport. */
    private record Decorated(ResilientAdapter resilient, CachingAdapter cached, NettyTransport transport) {}

    private final Map<String, ProviderAdapterFactory> factories;
    private final Governance rules;
    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;
    private final Map<String, Decorated> connected = new ConcurrentHashMap<>();
    private final CorrelationStore correlations;

    public ProviderConnections(Governance rules, CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this(rules, breakers, meters, new MemoryCorrelationStore());
    }

    /** @param correlations where adapters remember what their providers forget (the shared store's) */
    public ProviderConnections(
            Governance rules, CircuitBreakerRegistry breakers, MeterRegistry meters, CorrelationStore correlations) {
        this.correlations = correlations;
        this.factories = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toUnmodifiableMap(ProviderAdapterFactory::type, Function.identity()));
        this.rules = rules;
        this.breakers = breakers;
        this.meters = meters;
    }

    /** One handle with the default {@link UnideployProperties.Limits}. */
    public ProviderHandle connect(
            String id, String type, String baseUrl, Map<String, String> settings, boolean sandbox) {
        return connect(id, type, baseUrl, settings, sandbox, UnideployProperties.Limits.defaults());
    }

    /**
     * One handle; fails at start-up on an unknown type or a missing setting (the message names no secret). The
     * connection reads its provider's answers within {@code limits}: each exchange ends after {@code
     * responseTimeout}, bodies and stream lines are bounded.
     */
    public ProviderHandle connect(
            String id,
            String type,
            String baseUrl,
            Map<String, String> settings,
            boolean sandbox,
            UnideployProperties.Limits limits) {
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
        Duration connectTimeout = Duration.ofSeconds(3);
        // the JDK client opens streams and WebSockets; plain calls go through the transport on the event loops
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        NettyTransport transport =
                new NettyTransport(id, connectTimeout, NettyTransport.idleLimit(type), UnaryOperator.identity());
        Duration exchange = limits.responseTimeout(); // a last-resort bound; the gateway's time limits are shorter
        ProviderConnection connection = new ProviderConnection(
                id,
                type,
                base,
                settings,
                client,
                builder -> builder.timeout(exchange),
                limits.responseLimits(),
                transport);
        ResilientAdapter resilient = new ResilientAdapter(
                factory.create(connection, correlations.forConnection(id)),
                rules,
                rules.circuitBreaker(breakers, id),
                rules.bulkhead(id),
                new ProviderMetrics(meters, id));
        CachingAdapter cached = new CachingAdapter(resilient, rules, Ticker.systemTicker());
        connected.put(id, new Decorated(resilient, cached, transport));
        return new ProviderHandle(id, type, cached, sandbox);
    }

    /** The circuit breaker of a connection made here (the admin passthrough shares it). */
    public CircuitBreaker circuitBreaker(String connectionId) {
        Decorated decorated = connected.get(connectionId);
        if (decorated == null) {
            throw new IllegalArgumentException("no provider connection '" + connectionId + "'");
        }
        return decorated.resilient().circuitBreaker();
    }

    /** Drops every connection's cached reads (after changing a provider behind the gateway's back, say). */
    public void clearCaches() {
        connected.values().forEach(decorated -> decorated.cached().clear());
    }

    /** Closes every connection's pooled provider connections (at shutdown). */
    @Override
    public void close() {
        connected.values().forEach(decorated -> decorated.transport().close().block(Duration.ofSeconds(5)));
    }
}
