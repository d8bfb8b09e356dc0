package dev.unideploy.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Mist ({@code /api}): cookie login, envelopes, random deployment ids and a JSON-frame WebSocket log stream. */
final class MistSimulator extends ProviderSimulator {

    static final String EMAIL = "sandbox@unideploy.dev";
    private static final String COOKIE = "mist_token";

    private final Map<Long, MistDeployment> deployments = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
    private final Router router;

    MistSimulator(Duration step) {
        super("mist", "/api", List.of(new SeededApp("1", "web", false), new SeededApp("2", "broken", true)), step);
        // Go's ServeMux: plain-text 404 and 405 for routes and methods it does not know.
        router = new Router(
                        call -> Reply.text(404, "404 page not found\n"),
                        (call, allowed) ->
                                Reply.text(405, "Method Not Allowed\n").withHeader("Allow", String.join(", ", allowed)))
                .on("POST", "/auth/login", (call, p) -> login(call))
                .on(
                        "GET",
                        "/projects/getAll",
                        (call, p) -> MistErrors.ok(List.of(project()), "Projects retrieved successfully"))
                .on("POST", "/apps/getByProjectId", (call, p) -> appsOf(call))
                .on("POST", "/deployments", (call, p) -> withApp(call, this::deploy))
                .on("POST", "/deployments/create", (call, p) -> withApp(call, this::deploy))
                .on(
                        "POST",
                        "/deployments/getByAppId",
                        (call, p) ->
                                withApp(call, app -> MistErrors.ok(rows(app), "Deployments retrieved successfully")))
                .on("GET", "/deployments/logs", (call, p) -> logs(call))
                .on("POST", "/deployments/stopDep", (call, p) -> stop(call));
        seed();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("email", EMAIL, "password", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        boolean login = call.path().equals("/auth/login");
        String token = call.cookie(COOKIE);
        if (!login && (token == null || !tokens.contains(token))) {
            return MistErrors.of(401, "Unauthorized", "missing or invalid token");
        }
        return router.dispatch(call);
    }

    @Override
    List<Handler.Wrapper> streams(Server jetty) {
        return List.of(WebSocketUpgradeHandler.from(jetty, container -> {
            container.setIdleTimeout(Duration.ofMinutes(30));
            // No auth at all on the stream, and CheckOrigin returns true.
            container.addMapping("/api/deployments/logs/stream", (request, response, callback) -> {
                String id = Request.extractQueryParameters(request).getValue("id");
                long key = parseId(id);
                return new MistLogSocket(step, () -> deployments.get(key));
            });
        }));
    }

    private void seed() {
        for (SeededApp app : apps()) {
            for (int age = 3; age >= 1; age--) {
                boolean fails = app.failsBuild() && age < 3;
                add(app, fails, Timeline.historical(Duration.ofHours(age * 24L), step));
            }
        }
    }

    private synchronized MistDeployment add(SeededApp app, boolean fails, Timeline timeline) {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong(1_000_000); // random, not sequential
        } while (deployments.containsKey(id));
        int number =
                numbers.computeIfAbsent(app.id(), key -> new AtomicInteger()).incrementAndGet();
        MistDeployment created = new MistDeployment(id, app, number, Json.randomHex(40), fails, timeline, false);
        deployments.put(id, created);
        return created;
    }

    private Reply login(Call call) {
        if (!EMAIL.equals(call.field("email")) || !"sandbox".equals(call.field("password"))) {
            return MistErrors.of(401, "Invalid email or password", "invalid credentials");
        }
        String token = jwt();
        tokens.add(token);
        Map<String, @Nullable Object> user = Json.obj("id", 1, "username", "sandbox", "email", EMAIL, "role", "owner");
        return MistErrors.ok(user, "Login successful")
                .withHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=2678400; HttpOnly; SameSite=Lax");
    }

    private Reply deploy(SeededApp app) {
        // The bare deployment object, no envelope.
        return Reply.json(add(app, app.failsBuild(), Timeline.startingNow(step)).toJson(false));
    }

    private List<Map<String, @Nullable Object>> rows(SeededApp app) {
        List<MistDeployment> all = deployments.values().stream()
                .filter(d -> d.app().id().equals(app.id()))
                .sorted(Comparator.comparing((MistDeployment d) -> d.timeline().start())
                        .reversed())
                .toList();
        MistDeployment active = all.stream()
                .filter(d -> d.status().equals("success"))
                .findFirst()
                .orElse(null);
        return all.stream().map(d -> d.toJson(d == active)).toList();
    }

    private Reply logs(Call call) {
        MistDeployment deployment = deployments.get(parseId(call.query().get("id")));
        if (deployment == null) {
            return MistErrors.of(404, "Deployment not found", "");
        }
        if (!deployment.finished()) {
            return MistErrors.of(400, "deployment is still in progress, use WebSocket endpoint", "");
        }
        return MistErrors.ok(
                Json.obj("deployment", deployment.toJson(false), "logs", deployment.logText()),
                "Deployment logs retrieved successfully");
    }

    private Reply stop(Call call) {
        JsonNode id = call.body() == null ? null : call.body().get("deploymentId");
        if (id == null || !id.isIntegralNumber()) {
            return MistErrors.of(400, "Invalid request body", "deploymentId is required");
        }
        MistDeployment deployment = deployments.get(id.asLong());
        if (deployment == null) {
            return MistErrors.of(404, "Deployment not found", "");
        }
        if (deployment.finished()) {
            return MistErrors.of(400, "Deployment is not in progress", "");
        }
        String message = deployment.status().equals("pending")
                ? "Deployment marked as stopped"
                : "Deployment aborted immediately";
        deployments.computeIfPresent(id.asLong(), (key, current) -> current.finished() ? current : current.stop());
        return Reply.json(Json.obj("success", true, "data", null, "message", message, "error", ""));
    }

    private Reply appsOf(Call call) {
        JsonNode projectId = call.body() == null ? null : call.body().get("projectId");
        if (projectId == null || !projectId.isIntegralNumber()) {
            return MistErrors.of(400, "Invalid request body", "projectId is required");
        }
        if (projectId.asLong() != 1) {
            return MistErrors.of(404, "Project not found", "");
        }
        List<Map<String, @Nullable Object>> apps = apps().stream()
                .map(app -> Json.obj(
                        "id",
                        Long.parseLong(app.id()),
                        "name",
                        app.name(),
                        "project_id",
                        1,
                        "app_type",
                        "web",
                        "git_branch",
                        "main",
                        "status",
                        app.failsBuild() ? "error" : "running"))
                .toList();
        return MistErrors.ok(apps, "Apps retrieved successfully");
    }

    private Map<String, @Nullable Object> project() {
        return Json.obj("id", 1, "name", "sandbox", "description", "Unideploy sandbox", "owner_id", 1);
    }

    /** Resolves {@code {"appId": <int>}}: Go decodes into int64, so a string id is a bad request. */
    private Reply withApp(Call call, Function<SeededApp, Reply> then) {
        JsonNode appId = call.body() == null ? null : call.body().get("appId");
        if (appId == null || !appId.isIntegralNumber()) {
            return MistErrors.of(400, "Invalid request body", "appId is required");
        }
        return apps().stream()
                .filter(app -> app.id().equals(String.valueOf(appId.asLong())))
                .findFirst()
                .map(then)
                .orElseGet(() -> MistErrors.of(404, "App not found", ""));
    }

    private static long parseId(@Nullable String id) {
        try {
            return id == null ? -1 : Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    /** A JWT-shaped token (HS256 header, claims, random signature), as Mist's login issues. */
    private static String jwt() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"userId\":1,\"email\":\"" + EMAIL + "\",\"role\":\"owner\",\"iat\":" + now + ",\"exp\":"
                + (now + 2678400) + "}";
        return header + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(Json.randomHex(32).getBytes(StandardCharsets.UTF_8));
    }
}
