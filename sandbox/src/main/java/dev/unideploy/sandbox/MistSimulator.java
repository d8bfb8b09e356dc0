package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Mist ({@code /api}): cookie login, envelopes, random deployment ids and a JSON-frame WebSocket log stream. */
final class MistSimulator extends ProviderSimulator {

    static final String EMAIL = "sandbox@unideploy.dev";

    private final Map<Long, MistDeployment> deployments = new ConcurrentHashMap<>();
    private final MistSessions sessions = new MistSessions();
    private final Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
    private final Router router;
    private volatile MistLogSocket.Timings timings;

    MistSimulator(Duration step) {
        super("mist", "/api", List.of(new SeededApp("1", "web", false), new SeededApp("2", "broken", true)), step);
        // Go's ServeMux: plain-text 404 and 405 for routes and methods it does not know.
        router = new Router(
                        call -> Reply.text(404, "404 page not found\n"),
                        (call, allowed) ->
                                Reply.text(405, "Method Not Allowed\n").withHeader("Allow", String.join(", ", allowed)))
                .on("POST", "/auth/login", (call, p) -> sessions.login(call))
                .on("GET", "/projects/getAll", (call, p) -> MistProjects.all())
                .on("POST", "/apps/getByProjectId", (call, p) -> MistProjects.appsOf(call, apps()))
                .on("POST", "/deployments", (call, p) -> deploy(call))
                .on("POST", "/deployments/create", (call, p) -> deploy(call))
                .on("POST", "/deployments/getByAppId", (call, p) -> deploymentsOf(call))
                .on("GET", "/deployments/logs", (call, p) -> logs(call))
                .on("POST", "/deployments/stopDep", (call, p) -> stop(call));
        timings = MistLogSocket.Timings.scaledTo(step);
        seed();
    }

    /**
     * How often the log stream pings; a third of that without a frame drops it (Mist: every 30 s, 10 s). By
     * default Mist's own scaled to the step (30 s at the default 1.5 s step).
     */
    void streamPing(Duration pingEvery) {
        this.timings = MistLogSocket.Timings.of(pingEvery);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("email", EMAIL, "password", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        if (!sessions.admits(call)) {
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
                Long key = parseId(id);
                // The handler looks the deployment up before it upgrades: plain JSON answers, no socket.
                Reply refused = key == null
                        ? MistErrors.of(400, "invalid deployment id", MistErrors.parseIntError(id))
                        : !deployments.containsKey(key)
                                ? MistErrors.of(404, "deployment not found", MistErrors.NOT_FOUND)
                                : null;
                if (refused != null) {
                    response.setStatus(refused.status());
                    response.getHeaders().put("Content-Type", "application/json");
                    Content.Sink.write(response, true, String.valueOf(refused.body()), callback);
                    return null;
                }
                return new MistLogSocket(step, timings, () -> deployments.get(key));
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

    /** {@code AddDeployHandler}: an unknown app is a 500 whose cause, {@code record not found}, is in {@code error}. */
    private Reply deploy(Call call) {
        JsonNode appId = call.body() == null ? null : call.body().get("appId");
        if (call.body() == null || (appId != null && !appId.isIntegralNumber())) {
            return MistErrors.of(400, "invalid request body", MistErrors.decodeError("appId", "int"));
        }
        SeededApp app = app(appId == null ? 0 : appId.asLong());
        if (app == null) {
            return MistErrors.of(500, "failed to get app details", MistErrors.NOT_FOUND);
        }
        // The bare deployment object, no envelope.
        return Reply.json(add(app, app.failsBuild(), Timeline.startingNow(step)).toJson());
    }

    /** {@code GetByApplicationID}: newest first ({@code ORDER BY created_at DESC}); unknown app a 500. */
    private Reply deploymentsOf(Call call) {
        JsonNode appId = call.body() == null ? null : call.body().get("appId");
        if (call.body() == null || (appId != null && !appId.isIntegralNumber())) {
            return MistErrors.of(400, "Invalid request body", "Could not parse JSON");
        }
        if (appId == null || appId.asLong() == 0) {
            return MistErrors.of(400, "App ID is required", "Missing fields");
        }
        SeededApp app = app(appId.asLong());
        if (app == null) {
            return MistErrors.of(500, "Failed to get application", MistErrors.NOT_FOUND);
        }
        List<Map<String, @Nullable Object>> rows = deployments.values().stream()
                .filter(d -> d.app().id().equals(app.id()))
                .sorted(Comparator.comparing((MistDeployment d) -> d.timeline().start())
                        .thenComparingInt(MistDeployment::number)
                        .reversed())
                .map(MistDeployment::toJson)
                .toList();
        return MistErrors.ok(rows, "Deployments retrieved successfully");
    }

    /** {@code GetCompletedDeploymentLogsHandler}: the raw build log file, once the deployment is finished. */
    private Reply logs(Call call) {
        String id = call.query().get("id");
        Long key = parseId(id);
        if (key == null) {
            return MistErrors.of(400, "invalid deployment id", MistErrors.parseIntError(id));
        }
        MistDeployment deployment = deployments.get(key);
        if (deployment == null) {
            return MistErrors.of(404, "deployment not found", MistErrors.NOT_FOUND);
        }
        if (!deployment.finished()) {
            return MistErrors.of(400, "deployment is still in progress, use WebSocket endpoint", "");
        }
        // No "error" field on this one answer (the handler encodes a map of its own).
        return Reply.json(Json.obj(
                "success",
                true,
                "data",
                Json.obj("deployment", deployment.toJson(), "logs", deployment.logText()),
                "message",
                "Deployment logs retrieved successfully"));
    }

    /**
     * {@code StopDeployment}: an unknown id is a 500 ({@code record not found}); it checks no status, so a finished
     * deployment is overwritten as {@code stopped} too. It appends a line to the log file.
     */
    private Reply stop(Call call) {
        JsonNode id = call.body() == null ? null : call.body().get("deploymentId");
        if (call.body() == null || (id != null && !id.isIntegralNumber())) {
            return MistErrors.of(400, "Invalid request body", "Could not parse JSON");
        }
        long key = id == null ? 0 : id.asLong();
        MistDeployment deployment = deployments.get(key);
        if (deployment == null) {
            return MistErrors.of(500, "Failed to get deployment details", MistErrors.NOT_FOUND);
        }
        String message = deployment.finished() || deployment.status().equals("pending")
                ? "Deployment marked as stopped"
                : "Deployment aborted immediately";
        deployments.computeIfPresent(key, (k, current) -> current.stop());
        return MistErrors.ok(null, message);
    }

    private @Nullable SeededApp app(long appId) {
        return apps().stream()
                .filter(app -> app.id().equals(String.valueOf(appId)))
                .findFirst()
                .orElse(null);
    }

    /** Go's {@code strconv.ParseInt}: null when it would fail. */
    private static @Nullable Long parseId(@Nullable String id) {
        try {
            return id == null ? null : Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
