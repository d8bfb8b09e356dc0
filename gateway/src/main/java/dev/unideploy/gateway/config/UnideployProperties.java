package dev.unideploy.gateway.config;

import dev.unideploy.gateway.provider.Governance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code unideploy.*}: provider connections, client API keys, the sandbox.
 *
 * @param providers connection id → connection; none configured means sandbox mode
 * @param clients client name → API key (stored as its SHA-256), scopes and provider allowlist
 * @param resilience how every provider connection is called: time limits, circuit breaker, bulkhead, cache
 */
@ConfigurationProperties("unideploy")
public record UnideployProperties(
        @DefaultValue Map<String, Provider> providers,
        @DefaultValue Map<String, Client> clients,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Events events,
        @DefaultValue Governance resilience) {

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
            @Nullable String password) {

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
     */
    public record Client(
            String keySha256,
            @DefaultValue List<String> scopes,
            @DefaultValue List<String> providers) {

        @Override
        public String toString() {
            return "Client[scopes=" + scopes + ", providers=" + providers + "]";
        }
    }

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
     */
    public record Events(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("15s") Duration heartbeat) {}
}
