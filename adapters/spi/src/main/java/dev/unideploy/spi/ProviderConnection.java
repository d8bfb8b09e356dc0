package dev.unideploy.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One configured provider connection, as the gateway hands it to a factory.
 *
 * @param id the connection id, first part of every id the gateway serves
 * @param type the provider type: coolify, dokploy, zectre, dooor or mist
 * @param baseUrl the provider API's base URL, from configuration only (e.g. {@code https://host/api/v1})
 * @param settings provider settings, secrets included ({@code token}, {@code workspace}, {@code email},
 *     {@code password}); never printed by {@link #toString()}
 * @param httpClient the client to send requests with (the gateway owns its executor and lifecycle)
 * @param decorator applied to every request an adapter builds (the gateway adds e.g. {@code traceparent})
 * @param limits how much of this provider's answers may be read (bodies, stream lines and frames)
 * @param transport what {@link ProviderHttp} sends requests with; {@code httpClient} still opens streams and
 *     WebSockets
 */
public record ProviderConnection(
        String id,
        String type,
        URI baseUrl,
        Map<String, String> settings,
        HttpClient httpClient,
        UnaryOperator<HttpRequest.Builder> decorator,
        ResponseLimits limits,
        ProviderTransport transport) {

    public ProviderConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseUrl, "baseUrl");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(decorator, "decorator");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(transport, "transport");
    }

    /** Sending with {@code httpClient} too ({@link ProviderTransport#jdk}). */
    public ProviderConnection(
            String id,
            String type,
            URI baseUrl,
            Map<String, String> settings,
            HttpClient httpClient,
            UnaryOperator<HttpRequest.Builder> decorator,
            ResponseLimits limits) {
        this(id, type, baseUrl, settings, httpClient, decorator, limits, ProviderTransport.jdk(httpClient));
    }

    /** With the {@linkplain ResponseLimits#DEFAULTS default response limits}. */
    public ProviderConnection(
            String id,
            String type,
            URI baseUrl,
            Map<String, String> settings,
            HttpClient httpClient,
            UnaryOperator<HttpRequest.Builder> decorator) {
        this(id, type, baseUrl, settings, httpClient, decorator, ResponseLimits.DEFAULTS);
    }

    public static ProviderConnection of(String id, String type, URI baseUrl, Map<String, String> settings) {
        return new ProviderConnection(
                id,
                type,
                baseUrl,
                settings,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                UnaryOperator.identity());
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(value -> !value.isBlank());
    }

    /** A required setting; the message names the key, never its value. */
    public String requireSetting(String key) {
        return setting(key)
                .orElseThrow(() -> new IllegalArgumentException(
                        "provider connection '" + id + "' needs the setting '" + key + "'"));
    }

    /**
     * The URI of {@code pathAndQuery} under the base URL, kept under it: {@code "/deployments/x"} against
     * {@code https://h/api/v1} is {@code https://h/api/v1/deployments/x}.
     */
    public URI uri(String pathAndQuery) {
        String base = baseUrl.toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
    }

    /** A request builder for {@code pathAndQuery}, decorated by the gateway. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return decorator.apply(HttpRequest.newBuilder(uri(pathAndQuery)));
    }

    /** Decorates a request builder an adapter made itself (e.g. a WebSocket or absolute URI). */
    public HttpRequest.Builder decorate(HttpRequest.Builder builder) {
        return decorator.apply(builder);
    }

    @Override
    public String toString() {
        return "ProviderConnection[id=" + id + ", type=" + type + ", baseUrl=" + baseUrl + ", settings="
                + settings.keySet() + "]";
    }

    /** Used in messages that must name a value without leaking it. */
    public static String redacted(@Nullable String value) {
        return value == null ? "null" : "****";
    }
}
