package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.ErrorMessage;
import dev.unideploy.spi.PathSegment;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ResponseLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** One method per Zectre endpoint the adapter uses; {@code X-API-Key} on every call, 🔒 or not. */
final class ZectreClient {

    /**
     * Zectre's error envelope is undocumented (status plus an UPPER_SNAKE code): take {@code code} and
     * {@code message} (or a string {@code error}), flat or nested in an {@code error} object, else a short
     * excerpt of the body.
     */
    static final ErrorMessage ERRORS =
            ErrorMessage.fields("code").named("Zectre").inside("error").part("message", "error");

    static final String API_KEY_HEADER = "X-API-Key";

    /** The longest a log stream may stay open; the gateway re-subscribes if a deployment outlives it. */
    static final Duration STREAM_LIFETIME = Duration.ofHours(6);

    private final ProviderConnection connection;
    private final ProviderHttp http;
    private final String token;

    ZectreClient(ProviderConnection connection, String token) {
        this.connection = connection;
        this.token = token;
        this.http = new ProviderHttp(connection, ERRORS::of);
    }

    /** {@code GET /apps?page=&page_size=} → {@code {data, total, page, page_size}}. */
    Mono<JsonNode> listApps(int page, int pageSize) {
        return call("GET", () -> "/apps?page=" + page + "&page_size=" + pageSize, null);
    }

    /**
     * {@code POST /apps/{app}/deployments} → 201 deployment. An image runs as {@code process_type: docker}, an
     * artifact as {@code tish}; with neither, Zectre's deployment waits for a build.
     */
    Mono<JsonNode> createDeployment(
            String appId, @Nullable String environment, @Nullable String image, @Nullable String artifactId) {
        String processType = image != null ? "docker" : artifactId != null ? "tish" : null;
        return call(
                "POST",
                () -> "/apps/" + segment(appId) + "/deployments",
                new ZectreJson.CreateDeployment(environment, processType, image, artifactId));
    }

    /** 🔒 {@code POST /apps/{app}/deploy/trigger} → 201 {@code {deployment_id, status, message}}. */
    Mono<JsonNode> triggerGit(String appId, ZectreJson.GitTrigger body) {
        return call("POST", () -> "/apps/" + segment(appId) + "/deploy/trigger", body);
    }

    /** {@code GET /apps/{app}/deployments?page_size=&page_token=} → {@code {deployments, next_page_token}}. */
    Mono<JsonNode> listDeployments(String appId, @Nullable String pageToken, int pageSize) {
        return call(
                "GET",
                () -> "/apps/" + segment(appId) + "/deployments?page_size=" + pageSize
                        + (pageToken == null ? "" : "&page_token=" + segment(pageToken)),
                null);
    }

    Mono<JsonNode> getDeployment(String id) {
        return call("GET", () -> "/deployments/" + segment(id), null);
    }

    /** {@code POST /deployments/{id}/cancel} → the updated deployment. */
    Mono<JsonNode> cancel(String id) {
        return call("POST", () -> "/deployments/" + segment(id) + "/cancel", null);
    }

    /** {@code GET /deployments/{id}/logs} → a JSON array of entries. */
    Mono<JsonNode> logs(String id) {
        return call("GET", () -> "/deployments/" + segment(id) + "/logs", null);
    }

    /** {@code POST /deployments/{id}/promote} → 201 {@code {deployment_id, message}}. */
    Mono<JsonNode> promote(String id, ZectreJson.Promote body) {
        return call("POST", () -> "/deployments/" + segment(id) + "/promote", body);
    }

    /** {@code PATCH /deployments/{id}} {@code {"spec":{…}}}: in place, no new deployment. */
    Mono<JsonNode> patch(String id, ZectreJson.ScalePatch body) {
        return call("PATCH", () -> "/deployments/" + segment(id), body);
    }

    /**
     * {@code GET /deployments/{id}/logs/stream}: Server-Sent Events, one line at a time. Closing the stream
     * closes the connection. The JDK applies a request timeout to the whole body of a streamed response, so
     * the gateway's timeout (from its decorator) bounds only the wait for the response headers here; the
     * stream itself runs until the deployment is terminal.
     */
    Mono<Stream<String>> logStream(String id) {
        return Mono.defer(() -> {
                    HttpRequest.Builder builder = authenticated(
                                    connection.request("/deployments/" + segment(id) + "/logs/stream"))
                            .header("Accept", "text/event-stream")
                            .GET();
                    Optional<Duration> headersTimeout = builder.build().timeout();
                    HttpRequest request = builder.timeout(STREAM_LIFETIME).build();
                    Mono<HttpResponse<Stream<String>>> response = Mono.fromFuture(() ->
                            connection.httpClient().sendAsync(request, ProviderHttp.boundedLines(connection.limits())));
                    return headersTimeout
                            .map(timeout -> response.timeout(
                                    timeout,
                                    Mono.error(() ->
                                            new ProviderException.Timeout("provider did not answer in time", null))))
                            .orElse(response);
                })
                .onErrorMap(e -> !(e instanceof ProviderException), ProviderHttp::toProviderException)
                .flatMap(response -> {
                    if (ProviderHttp.successful(response)) {
                        return Mono.just(response.body());
                    }
                    String body;
                    try (Stream<String> lines = response.body()) {
                        body = String.join("\n", lines.limit(50).toList());
                    } catch (RuntimeException unreadable) {
                        body = "";
                    }
                    return Mono.error(ProviderException.forStatus(
                            response.statusCode(),
                            response.headers().firstValue("Retry-After").orElse(null),
                            ERRORS.of(body, response.statusCode())));
                });
    }

    /** How much of Zectre's answers may be read (the log stream's events too). */
    ResponseLimits limits() {
        return connection.limits();
    }

    Map<String, String> authHeaders() {
        return Map.of(API_KEY_HEADER, token);
    }

    private Mono<JsonNode> call(String method, Supplier<String> pathAndQuery, @Nullable Object body) {
        return Mono.defer(() -> {
                    HttpRequest.BodyPublisher publisher = body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(ZectreJson.write(body));
                    HttpRequest.Builder builder = authenticated(connection.request(pathAndQuery.get()))
                            .method(method, publisher);
                    if (body != null) {
                        builder.header("Content-Type", "application/json");
                    }
                    return http.send(builder.build());
                })
                .map(response -> ZectreJson.parse(response.body()));
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder builder) {
        return builder.header(API_KEY_HEADER, token).header("Accept", "application/json");
    }

    /** Ids are provider data: percent-encoded, and a dot segment names nothing (see {@link PathSegment}). */
    static String segment(String value) {
        return PathSegment.encode(value);
    }
}
