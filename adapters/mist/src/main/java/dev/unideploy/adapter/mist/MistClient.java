package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ErrorMessage;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Mist's HTTP endpoints, one method each, behind the service account's session cookie (renewed once on 401). */
final class MistClient {

    /**
     * The envelope's {@code message} with its cause from {@code error} ({@code "failed to get latest commit: git fetch
     * failed: …"}); a body that is not JSON is cut short.
     */
    static final ErrorMessage ERRORS = ErrorMessage.fields("message", "error");

    static final String COOKIE = "mist_token";

    /** GORM's {@code ErrRecordNotFound}, as Mist puts it in {@code error}. */
    static final String NOT_FOUND = "record not found";

    private final ProviderConnection connection;
    private final String email;
    private final String password;
    private final ProviderHttp http;
    private final MistSession session;
    private final URI streamBase;

    MistClient(ProviderConnection connection, String email, String password) {
        this(connection, email, password, connection.baseUrl());
    }

    /** @param streamBase where the log stream lives: the API base, except in tests */
    MistClient(ProviderConnection connection, String email, String password, URI streamBase) {
        this.streamBase = streamBase;
        this.connection = connection;
        this.email = email;
        this.password = password;
        this.http = new ProviderHttp(connection, ERRORS::of);
        this.session = new MistSession(this::login);
    }

    /** {@code POST /deployments}: answers the bare deployment object, no envelope. */
    Mono<JsonNode> deploy(long appId) {
        return post("/deployments", object().put("appId", appId), false);
    }

    /** {@code POST /deployments/getByAppId}: all of the app's deployments, newest first, no paging. */
    Mono<JsonNode> deploymentsOf(long appId) {
        return post("/deployments/getByAppId", object().put("appId", appId), true);
    }

    /** {@code GET /deployments/logs}: only once the deployment is finished (else 400, "use WebSocket"). */
    Mono<JsonNode> logs(long deploymentId) {
        return send(
                cookie -> request("/deployments/logs?id=" + deploymentId, cookie)
                        .GET()
                        .build(),
                true);
    }

    Mono<JsonNode> stop(long deploymentId) {
        return post("/deployments/stopDep", object().put("deploymentId", deploymentId), false);
    }

    Mono<JsonNode> projects() {
        return send(cookie -> request("/projects/getAll", cookie).GET().build(), true);
    }

    Mono<JsonNode> appsOf(long projectId) {
        return post("/apps/getByProjectId", object().put("projectId", projectId), true);
    }

    /** The log stream's URI: {@code ws(s)://host/api/deployments/logs/stream?id=}. It needs no auth. */
    URI streamUri(long deploymentId) {
        String base = streamBase.toString().replaceAll("/+$", "");
        return URI.create(base.replaceFirst("^http", "ws") + "/deployments/logs/stream?id=" + deploymentId);
    }

    ProviderConnection connection() {
        return connection;
    }

    Mono<Map<String, String>> authHeaders() {
        return session.cookie().map(cookie -> Map.of("Cookie", COOKIE + "=" + cookie));
    }

    private static ObjectNode object() {
        return MistJson.MAPPER.createObjectNode();
    }

    private Mono<JsonNode> post(String path, JsonNode body, boolean envelope) {
        return send(
                cookie -> request(path, cookie)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                envelope);
    }

    private HttpRequest.Builder request(String path, String cookie) {
        return connection.request(path).header("Accept", "application/json").header("Cookie", COOKIE + "=" + cookie);
    }

    /** Sends with the session cookie; on 401 renews the session once and sends again. */
    private Mono<JsonNode> send(Function<String, HttpRequest> build, boolean envelope) {
        return session.cookie()
                .flatMap(cookie -> http.exchange(build.apply(cookie)).flatMap(response -> {
                    if (response.statusCode() != 401) {
                        return Mono.just(response);
                    }
                    session.invalidate(cookie);
                    return session.cookie().flatMap(renewed -> http.exchange(build.apply(renewed)));
                }))
                .flatMap(response -> ProviderHttp.successful(response)
                        ? Mono.fromCallable(() -> unwrap(response, envelope))
                        : Mono.error(failure(response)));
    }

    /**
     * Mist answers "not found" as HTTP 500 with GORM's {@code error: "record not found"} (an unknown app on reads
     * and on trigger, an unknown deployment on stop): that is a not-found, not an outage. Any other answer keeps
     * Mist's reason, which is in {@code error}.
     */
    ProviderException failure(HttpResponse<String> response) {
        if (response.statusCode() >= 400 && NOT_FOUND.equalsIgnoreCase(errorOf(response))) {
            return new ProviderException.NotFound("Mist: " + ERRORS.of(response), response.statusCode());
        }
        return http.failure(response);
    }

    /** {@code {success, data, message, error}}: {@code data} when successful. */
    private static JsonNode unwrap(HttpResponse<String> response, boolean envelope) {
        JsonNode body = MistJson.parse(response.body());
        if (!envelope) {
            return body;
        }
        if (!body.path("success").asBoolean(false)) {
            throw new ProviderException.BadResponse("Mist: " + ERRORS.of(response), response.statusCode(), null);
        }
        return body.path("data");
    }

    /** {@code POST /auth/login}: the {@code mist_token} cookie, or an authentication failure. */
    private Mono<String> login() {
        ObjectNode credentials = object().put("email", email).put("password", password);
        HttpRequest request = connection
                .request("/auth/login")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString()))
                .build();
        return http.exchange(request).flatMap(response -> {
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                return Mono.error(new ProviderException.AuthenticationFailed(
                        "Mist rejected the service account's login: " + ERRORS.of(response), response.statusCode()));
            }
            if (!ProviderHttp.successful(response)) {
                return Mono.error(failure(response));
            }
            return response.headers().allValues("Set-Cookie").stream()
                    .flatMap(header -> HttpCookie.parse(header).stream())
                    .filter(cookie -> COOKIE.equals(cookie.getName()))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .map(Mono::just)
                    .orElseGet(() -> Mono.error(new ProviderException.BadResponse(
                            "Mist's login set no " + COOKIE + " cookie", response.statusCode(), null)));
        });
    }

    /** The envelope's {@code error}, or empty. */
    private static String errorOf(HttpResponse<String> response) {
        try {
            String error =
                    MistJson.text(MistJson.MAPPER.readTree(response.body() == null ? "" : response.body()), "error");
            return error == null ? "" : error.trim();
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "MistClient[" + connection.id() + ", " + session + "]";
    }
}
