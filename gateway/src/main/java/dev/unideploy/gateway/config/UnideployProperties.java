package dev.unideploy.gateway.config;

import dev.unideploy.gateway.provider.Governance;
import dev.unideploy.spi.ResponseLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code unideploy.*}: provider connections, client API keys, the sandbox.
 *
 * @param providers connection id → connection; none configured means sandbox mode
 * @param clients client name → API key (stored as its SHA-256), scopes and provider allowlist
 * @param resilience how every provider connection is called: time limits, circuit breaker, bulkhead, cache
 * @param store where state shared by several instances lives: idempotency records, the cancel ledger, rate limits
 * @param redis the Redis server, when {@code store} is {@code redis}
 * @param rateLimit how many requests each client may make, unless its own entry says otherwise
 */
@ConfigurationProperties("unideploy")
public record UnideployProperties(
        @DefaultValue Map<String, Provider> providers,
        @DefaultValue Map<String, Client> clients,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Events events,
        @DefaultValue Governance resilience,
        @DefaultValue("memory") Store store,
        @DefaultValue Redis redis,
        @DefaultValue RateLimit rateLimit) {

    public UnideployProperties {
        providers = new LinkedHashMap<>(providers);
        clients = new LinkedHashMap<>(clients);
    }

    public boolean sandboxMode() {
        return providers.isEmpty();
    }

    /**
     * One provider connection (DESIGN.md §4). Credentials come from configuration or the environment only and
     * are never printed: {@link #toString()} names no secret.
     */
    public record Provider(
            String type,
            String baseUrl,
            @Nullable String token,
            @Nullable String workspace,
            @Nullable String email,
            @Nullable String password,
            @DefaultValue Limits limits) {

        public Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            if (token != null) settings.put("token", token);
            if (workspace != null) settings.put("workspace", workspace);
            if (email != null) settings.put("email", email);
            if (password != null) settings.put("password", password);
            return settings;
        }

        @Override
        public String toString() {
            return "Provider[type=" + type + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * A gateway client.
     *
     * @param keySha256 hex SHA-256 of the bearer API key (the key itself is never stored)
     * @param scopes deployments:read, deployments:write, admin
     * @param providers the connection ids this client may use; empty means all
     * @param rateLimit requests this client may make per {@code unideploy.rate-limit.period}, overriding
     *     {@code unideploy.rate-limit.requests}; 0 means no limit
     */
    public record Client(
            String keySha256,
            @DefaultValue List<String> scopes,
            @DefaultValue List<String> providers,
            @Nullable Long rateLimit) {

        @Override
        public String toString() {
            return "Client[scopes=" + scopes + ", providers=" + providers + "]";
        }
    }

    /**
     * How much of one provider connection's answers the gateway reads, and for how long: what a provider sends
     * beyond is refused for that call only (502 {@code provider_error}, "response too large"), never held in memory.
     *
     * @param maxResponseSize the largest response body read from the provider, by an adapter or the passthrough
     * @param maxStreamLine the largest single line, event or WebSocket message of a provider's stream
     * @param responseTimeout the longest one provider exchange may take, body included (streams excepted); the
     *     shorter {@code unideploy.resilience} read and write timeouts apply first
     * @param maxRequestSize the largest request body the passthrough forwards to the provider (413 beyond)
     */
    public record Limits(
            @DefaultValue("16MB") DataSize maxResponseSize,
            @DefaultValue("1MB") DataSize maxStreamLine,
            @DefaultValue("60s") Duration responseTimeout,
            @DefaultValue("1MB") DataSize maxRequestSize) {

        public static Limits defaults() {
            return new Limits(
                    DataSize.ofMegabytes(16), DataSize.ofMegabytes(1), Duration.ofSeconds(60), DataSize.ofMegabytes(1));
        }

        public ResponseLimits responseLimits() {
            return new ResponseLimits(maxResponseSize.toBytes(), Math.toIntExact(maxStreamLine.toBytes()));
        }
    }

    /** Where idempotency records, the cancel ledger and rate limits live. */
    public enum Store {
        /** In this instance's memory (Caffeine): one instance, or sticky clients. */
        MEMORY,
        /** In Redis, shared by every instance that points at it. */
        REDIS
    }

    /**
     * The Redis server of {@code unideploy.store=redis}.
     *
     * @param url {@code redis://[:password@]host:port[/database]} ({@code rediss://} for TLS); never printed
     * @param timeout how long one Redis command may take before the request fails with 503
     */
    public record Redis(
            @DefaultValue("redis://localhost:6379") String url,
            @DefaultValue("2s") Duration timeout) {

        @Override
        public String toString() {
            return "Redis[timeout=" + timeout + "]";
        }
    }

    /**
     * Per-client rate limits (a token bucket per client: {@code requests} at once, refilled over {@code period}).
     *
     * @param requests requests per client per period; 0 (the default) means no limit
     * @param period the window the requests are counted over
     */
    public record RateLimit(
            @DefaultValue("0") long requests,
            @DefaultValue("1m") Duration period) {}

    /**
     * The embedded simulators, used when no provider is configured.
     *
     * @param ports per provider type, overriding the defaults 9101–9105; 0 picks a free port
     * @param step how long a simulated deployment stays in each state
     * @param token the client token accepted in sandbox mode (all scopes)
     */
    public record Sandbox(
            @DefaultValue Map<String, Integer> ports,
            @DefaultValue("1500ms") Duration step,
            @DefaultValue("sandbox") String token) {}

    /**
     * Live events and waiting.
     *
     * @param pollInterval how often the one shared poller of a deployment asks a provider without a native stream
     * @param heartbeat how often an idle event stream sends a comment
     * @param streamIdle how long a provider's native stream may stay silent before the gateway polls instead (Mist
     *     drops a quiet socket without closing it)
     * @param outageLimit how long an event stream rides out a provider that keeps failing (sending {@code error}
     *     events) before it ends
     */
    public record Events(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("30s") Duration streamIdle,
            @DefaultValue("5m") Duration outageLimit) {}
}
