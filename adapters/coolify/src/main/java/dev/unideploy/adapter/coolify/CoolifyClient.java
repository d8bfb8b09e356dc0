package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.ErrorMessage;
import dev.unideploy.spi.PathSegment;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Coolify's REST endpoints, one method each; answers parsed JSON or a {@link ProviderException}. */
final class CoolifyClient {

    /** Errors are always {@code {"message": …}}; a body that is not JSON is cut short. */
    static final ErrorMessage ERRORS = ErrorMessage.fields("message");

    private final ProviderConnection connection;
    private final String token;
    private final ProviderHttp http;

    CoolifyClient(ProviderConnection connection, String token) {
        this.connection = connection;
        this.token = token;
        this.http = new ProviderHttp(connection, ERRORS::of);
    }

    /**
     * {@code POST /deploy}: POST only since v4.2.0 (GET answers 405). Coolify reads {@code uuid} and {@code force}
     * from the query or a JSON body; its OpenAPI spec documents the query, so that is what we send.
     */
    Mono<JsonNode> deploy(String appUuid, boolean force) {
        return post(() -> "/deploy?uuid=" + segment(appUuid) + "&force=" + force, null);
    }

    /**
     * {@code GET /deployments/{uuid}}. Uuids are provider data (Coolify's own are cuid2, but a row may say
     * anything): every path segment is percent-encoded, and one that cannot be a segment is a not-found.
     */
    Mono<JsonNode> deployment(String deploymentUuid) {
        return get(() -> "/deployments/" + segment(deploymentUuid));
    }

    /** {@code GET /deployments}: the queued and in-progress rows of the team's servers. */
    Mono<JsonNode> running() {
        return get(() -> "/deployments");
    }

    Mono<JsonNode> deploymentsOf(String appUuid, int skip, int take) {
        return get(() -> "/deployments/applications/" + segment(appUuid) + "?skip=" + skip + "&take=" + take);
    }

    Mono<JsonNode> cancel(String deploymentUuid) {
        return post(() -> "/deployments/" + segment(deploymentUuid) + "/cancel", null);
    }

    /** {@code POST /applications/{uuid}/rollback}: the body holds {@code commit} only; extra fields are a 422. */
    Mono<JsonNode> rollback(String appUuid, String commit) {
        return post(
                () -> "/applications/" + segment(appUuid) + "/rollback",
                CoolifyJson.MAPPER.createObjectNode().put("commit", commit));
    }

    Mono<JsonNode> applications() {
        return get(() -> "/applications");
    }

    Map<String, String> authHeaders() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String segment(String id) {
        return PathSegment.encode(id);
    }

    /** The path is built on subscription: an id that cannot be sent fails the {@link Mono}, lazily. */
    private Mono<JsonNode> get(Supplier<String> path) {
        return Mono.defer(() -> send(request(path.get()).GET().build()));
    }

    private Mono<JsonNode> post(Supplier<String> path, @Nullable JsonNode body) {
        return Mono.defer(() -> send(request(path.get())
                .header("Content-Type", "application/json")
                .POST(
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build()));
    }

    private HttpRequest.Builder request(String path) {
        return connection
                .request(path)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private Mono<JsonNode> send(HttpRequest request) {
        return http.exchange(request).flatMap(response -> {
            if (ProviderHttp.successful(response)) {
                return Mono.fromCallable(() -> CoolifyJson.parse(response.body()));
            }
            return Mono.error(failure(response));
        });
    }

    /** Coolify answers 400 "Invalid token." for a foreign or malformed token: that is an auth failure. */
    private ProviderException failure(HttpResponse<String> response) {
        String message = ERRORS.of(response);
        if (response.statusCode() == 400 && message.toLowerCase().contains("invalid token")) {
            return new ProviderException.AuthenticationFailed("Coolify: " + message, 400);
        }
        return http.failure(response);
    }

    @Override
    public String toString() {
        return "CoolifyClient[" + connection.id() + "]";
    }
}
