package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.ErrorMessage;
import dev.unideploy.spi.PathSegment;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderHttp;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One method per Dooor OS endpoint the adapter uses. Every path is under the connection's workspace
 * ({@code /workspaces/{ws}/…}); every call carries {@code Authorization: Bearer <token>}.
 */
final class DooorClient {

    /** NestJS errors: {@code {statusCode, message: string|string[], error}}. */
    static final ErrorMessage ERRORS = ErrorMessage.fields().named("Dooor").part("message", "error");

    private final ProviderConnection connection;
    private final ProviderHttp http;
    private final String token;
    private final String workspacePath;

    DooorClient(ProviderConnection connection, String token, String workspace) {
        this.connection = connection;
        this.token = token;
        this.workspacePath = "/workspaces/" + segment(workspace);
        this.http = new ProviderHttp(connection, ERRORS::of);
    }

    /** {@code GET /workspaces/{ws}/apps?page=&limit=} → {@code {data, meta}}. */
    Mono<JsonNode> listApps(int page, int limit) {
        return call("GET", () -> "/apps?page=" + page + "&limit=" + limit, null);
    }

    /** {@code POST /workspaces/{ws}/deploy} → the new deployment ({@code queued}). */
    Mono<JsonNode> trigger(DooorJson.Trigger body) {
        return call("POST", () -> "/deploy", body);
    }

    /** {@code GET /workspaces/{ws}/deploy?appId=&page=&limit=} → {@code {data, meta:{totalPages…}}}. */
    Mono<JsonNode> listDeployments(String appId, int page, int limit) {
        return call("GET", () -> "/deploy?appId=" + segment(appId) + "&page=" + page + "&limit=" + limit, null);
    }

    Mono<JsonNode> getDeployment(String id) {
        return call("GET", () -> "/deploy/" + segment(id), null);
    }

    /** {@code GET …/deploy/{id}/logs} → {@code {logs:[string]}}. */
    Mono<JsonNode> logs(String id) {
        return call("GET", () -> "/deploy/" + segment(id) + "/logs", null);
    }

    /** {@code GET …/deploy/{id}/runtime-status} → {@code {phase, ready, total, conditions}}. */
    Mono<JsonNode> runtimeStatus(String id) {
        return call("GET", () -> "/deploy/" + segment(id) + "/runtime-status", null);
    }

    /** {@code POST …/deploy/scale} {@code {appId, replicas}}. */
    Mono<JsonNode> scale(DooorJson.Scale body) {
        return call("POST", () -> "/deploy/scale", body);
    }

    /** {@code POST …/deploy/{targetId}/rollback}: {@code targetId} is the deployment to return to. */
    Mono<JsonNode> rollback(String targetId) {
        return call("POST", () -> "/deploy/" + segment(targetId) + "/rollback", null);
    }

    /** {@code GET …/deploy/apps/{appId}/revisions} → a bare array, newest first. */
    Mono<JsonNode> revisions(String appId) {
        return call("GET", () -> "/deploy/apps/" + segment(appId) + "/revisions", null);
    }

    /** {@code POST …/deploy/apps/{appId}/traffic} {@code {splits:[{revisionName, percent, tag?}]}}. */
    Mono<JsonNode> traffic(String appId, DooorJson.Traffic body) {
        return call("POST", () -> "/deploy/apps/" + segment(appId) + "/traffic", body);
    }

    /** {@code POST …/deploy/revisions/{revisionName}/promote}: 100% to that revision (not app-scoped). */
    Mono<JsonNode> promoteRevision(String revisionName) {
        return call("POST", () -> "/deploy/revisions/" + segment(revisionName) + "/promote", null);
    }

    Map<String, String> authHeaders() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private Mono<JsonNode> call(String method, Supplier<String> pathAndQuery, @Nullable Object body) {
        return Mono.defer(() -> {
                    HttpRequest.BodyPublisher publisher = body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(DooorJson.write(body));
                    HttpRequest.Builder builder = connection
                            .request(workspacePath + pathAndQuery.get())
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json")
                            .method(method, publisher);
                    if (body != null) {
                        builder.header("Content-Type", "application/json");
                    }
                    return http.send(builder.build());
                })
                .map(response -> DooorJson.parse(response.body()));
    }

    /** Ids are provider data: percent-encoded, and a dot segment names nothing (see {@link PathSegment}). */
    static String segment(String value) {
        return PathSegment.encode(value);
    }
}
