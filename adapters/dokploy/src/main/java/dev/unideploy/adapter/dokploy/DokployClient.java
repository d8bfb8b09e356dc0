package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ErrorMessage;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Dokploy's tRPC procedures over HTTP (queries GET, mutations POST), one method each. */
final class DokployClient {

    /** trpc-openapi errors: {@code {message, code, issues}}; a body that is not JSON is cut short. */
    static final ErrorMessage ERRORS = ErrorMessage.fields("message");

    static final String API_KEY = "x-api-key";

    private final ProviderConnection connection;
    private final String token;
    private final ProviderHttp http;
    private final URI streamRoot;

    DokployClient(ProviderConnection connection, String token) {
        this(connection, token, hostRoot(connection.baseUrl()));
    }

    /** @param streamRoot where {@code /listen-deployment} lives: the host root, except in tests */
    DokployClient(ProviderConnection connection, String token, URI streamRoot) {
        this.streamRoot = streamRoot;
        this.connection = connection;
        this.token = token;
        this.http = new ProviderHttp(connection, ERRORS::of);
    }

    /** {@code application.deploy}: answers nothing usable (void), so the title carries our correlation id. */
    Mono<Void> deploy(String applicationId, String title, String description) {
        return post(
                        "/application.deploy",
                        object().put("applicationId", applicationId)
                                .put("title", title)
                                .put("description", description))
                .then();
    }

    /** {@code deployment.all}: every row of the app, newest first, no paging (Dokploy keeps the last ten). */
    Mono<JsonNode> deployments(String applicationId) {
        return get("/deployment.all?applicationId=" + encode(applicationId)).flatMap(DokployClient::array);
    }

    /** {@code deployment.queueList} (v0.28.3+): the BullMQ jobs not yet rows. */
    Mono<JsonNode> queue() {
        return get("/deployment.queueList").flatMap(DokployClient::array);
    }

    /**
     * A list procedure answers a JSON array. Anything else (a proxy's sign-in page, which the lenient reading below
     * takes for text) is unusable, not an empty list: else every deployment would read as not found.
     */
    private static Mono<JsonNode> array(JsonNode answer) {
        return answer.isArray()
                ? Mono.just(answer)
                : Mono.error(new ProviderException.BadResponse(
                        "Dokploy answered a list that is not a JSON array", null, null));
    }

    Mono<Void> killProcess(String deploymentId) {
        return post("/deployment.killProcess", object().put("deploymentId", deploymentId))
                .then();
    }

    /** {@code application.cleanQueues}: drops every waiting job of the app (the only way to cancel a queued one). */
    Mono<Void> cleanQueues(String applicationId) {
        return post("/application.cleanQueues", object().put("applicationId", applicationId))
                .then();
    }

    Mono<Void> removeDeployment(String deploymentId) {
        return post("/deployment.removeDeployment", object().put("deploymentId", deploymentId))
                .then();
    }

    /** {@code deployment.readLogs} (v0.29.6+): the last {@code tail} lines (1–10000) as one string. */
    Mono<String> readLogs(String deploymentId, int tail) {
        return get("/deployment.readLogs?deploymentId=" + encode(deploymentId) + "&tail=" + tail)
                .map(node -> node.isString() ? node.asString() : node.isNull() ? "" : node.toString());
    }

    Mono<JsonNode> projects() {
        return get("/project.all");
    }

    /** The log stream lives at the host root, not under {@code /api}: {@code ws(s)://host/listen-deployment}. */
    URI streamUri(String logPath, boolean websocket) {
        String root = streamRoot.toString().replaceAll("/+$", "");
        String scheme = websocket ? root.replaceFirst("^http", "ws") : root;
        return URI.create(scheme + "/listen-deployment?logPath=" + encode(logPath));
    }

    private static URI hostRoot(URI base) {
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        if (path.endsWith("/api")) {
            path = path.substring(0, path.length() - "/api".length());
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
    }

    Map<String, String> authHeaders() {
        return Map.of(API_KEY, token);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ObjectNode object() {
        return DokployJson.MAPPER.createObjectNode();
    }

    private Mono<JsonNode> get(String path) {
        return Mono.defer(() -> send(request(path).GET().build()));
    }

    private Mono<JsonNode> post(String path, JsonNode body) {
        return Mono.defer(() -> send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build()));
    }

    private HttpRequest.Builder request(String path) {
        return connection.request(path).header(API_KEY, token).header("Accept", "application/json");
    }

    private Mono<JsonNode> send(HttpRequest request) {
        return http.exchange(request).flatMap(response -> {
            if (!ProviderHttp.successful(response)) {
                return Mono.error(failure(response));
            }
            String body = response.body() == null ? "" : response.body();
            // void procedures answer an empty body
            return body.isBlank()
                    ? Mono.just(DokployJson.MAPPER.nullNode())
                    : Mono.fromCallable(() -> parseLenient(body));
        });
    }

    /** JSON as a rule; {@code readLogs} may come as bare text. */
    private static JsonNode parseLenient(String body) {
        try {
            return DokployJson.parse(body);
        } catch (ProviderException.BadResponse plainText) {
            return DokployJson.MAPPER.getNodeFactory().stringNode(body);
        }
    }

    /** A throttled key surfaces as 401 too (better-auth swallows the rate-limit error): say so. */
    private ProviderException failure(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return new ProviderException.AuthenticationFailed(
                    "Dokploy rejected the API key (401: invalid key, or the key is rate-limited): "
                            + ERRORS.of(response),
                    401);
        }
        return http.failure(response);
    }

    @Override
    public String toString() {
        return "DokployClient[" + connection.id() + "]";
    }
}
