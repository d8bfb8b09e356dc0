package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zectre Platform's {@code zectre-api} ({@code /api/v1}): deployments with tasks, cursor paging, SSE logs. */
final class ZectreSimulator extends ProviderSimulator {

    private final Map<String, ZectreDeployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    private final ZectrePages pages;
    private final Router router;

    ZectreSimulator(Duration step) {
        super(
                "zectre",
                "/api/v1",
                List.of(new SeededApp("zec-web", "web", false), new SeededApp("zec-broken", "broken", true)),
                step);
        pages = new ZectrePages(apps(), deployments::values);
        router = new Router(
                        call -> ZectreErrors.of(404, "NOT_FOUND", "No route for " + call.method() + " " + call.path()),
                        (call, allowed) -> ZectreErrors.of(405, "METHOD_NOT_ALLOWED", "Method not allowed"))
                .on("GET", "/apps", (call, p) -> pages.appsPage(call))
                .on("GET", "/apps/{id}", (call, p) -> withApp(p.get(0), app -> Reply.json(ZectrePages.appJson(app))))
                .on("POST", "/apps/{id}/deployments", (call, p) -> withApp(p.get(0), app -> create(app, call)))
                .on("POST", "/apps/{id}/deploy/trigger", (call, p) -> withApp(p.get(0), app -> trigger(app, call)))
                .on("GET", "/apps/{id}/deployments", (call, p) -> withApp(p.get(0), app -> pages.cursorPage(app, call)))
                .on("GET", "/deployments", (call, p) -> pages.pagedList(call))
                .on("GET", "/deployments/{id}", (call, p) -> withDeployment(p.get(0), d -> Reply.json(d.toJson())))
                .on("PATCH", "/deployments/{id}", (call, p) -> withDeployment(p.get(0), d -> patch(d, call)))
                .on("POST", "/deployments/{id}/promote", (call, p) -> withDeployment(p.get(0), d -> promote(d, call)))
                .on("POST", "/deployments/{id}/cancel", (call, p) -> withDeployment(p.get(0), this::cancel))
                .on("GET", "/deployments/{id}/logs", (call, p) -> withDeployment(p.get(0), d -> Reply.json(d.logs())))
                .on("GET", "/deployments/{id}/tasks", (call, p) -> withDeployment(p.get(0), this::tasks));
        seed();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        if (!authorized(call.header("X-API-Key"), call.header("Authorization"))) {
            return ZectreErrors.of(401, "UNAUTHORIZED", "Missing or invalid credentials");
        }
        return router.dispatch(call);
    }

    /**
     * The real zectre-api checks credentials only in some handlers; the sandbox checks them everywhere, accepting
     * {@code X-API-Key: sandbox} or {@code Authorization: Bearer sandbox}.
     */
    static boolean authorized(@Nullable String apiKey, @Nullable String authorization) {
        return "sandbox".equals(apiKey) || "Bearer sandbox".equals(authorization);
    }

    @Override
    List<Handler.Wrapper> streams(Server jetty) {
        return List.of(new ZectreLogStream(step, deployments::get));
    }

    private void seed() {
        for (SeededApp app : apps()) {
            for (int age = 3; age >= 1; age--) {
                boolean fails = app.failsBuild() && age < 3;
                add(app, "production", 1, null, fails, Timeline.historical(Duration.ofHours(age * 24L), step));
            }
        }
    }

    private ZectreDeployment add(
            SeededApp app, String environment, int replicas, @Nullable String image, boolean fails, Timeline timeline) {
        int version =
                versions.computeIfAbsent(app.id(), id -> new AtomicInteger()).incrementAndGet();
        ZectreDeployment created = new ZectreDeployment(
                UUID.randomUUID().toString(),
                app,
                version,
                Json.randomHex(40),
                environment,
                replicas,
                image,
                fails,
                timeline,
                false,
                timeline.start());
        deployments.put(created.id(), created);
        return created;
    }

    private Reply create(SeededApp app, Call call) {
        Integer replicas = replicas(call.body());
        if (replicas == null) {
            return ZectreErrors.of(400, "VALIDATION_ERROR", "replicas must be a non-negative integer");
        }
        String environment = call.field("environment") != null ? call.field("environment") : "production";
        ZectreDeployment created =
                add(app, environment, replicas, call.field("image"), app.failsBuild(), Timeline.startingNow(step));
        return Reply.json(201, created.toJson());
    }

    private Reply trigger(SeededApp app, Call call) {
        String environment = call.field("environment") != null ? call.field("environment") : "production";
        ZectreDeployment created = add(app, environment, 1, null, app.failsBuild(), Timeline.startingNow(step));
        return Reply.json(
                201, Json.obj("deployment_id", created.id(), "status", "pending", "message", "Deployment triggered"));
    }

    private Reply patch(ZectreDeployment deployment, Call call) {
        JsonNode spec = call.body() == null ? null : call.body().get("spec");
        Integer replicas = spec == null ? null : replicas(spec);
        if (spec == null || !spec.isObject() || replicas == null) {
            return ZectreErrors.of(400, "VALIDATION_ERROR", "body must be {\"spec\":{...}} with valid replicas");
        }
        if (deployment.status().equals("cancelled") || deployment.status().equals("failed")) {
            return ZectreErrors.of(409, "INVALID_STATE", "Deployment is " + deployment.status());
        }
        ZectreDeployment scaled = deployment.scale(spec.has("replicas") ? replicas : deployment.replicas());
        deployments.put(scaled.id(), scaled);
        return Reply.json(scaled.toJson());
    }

    private Reply promote(ZectreDeployment source, Call call) {
        if (!source.status().equals("succeeded") && !source.status().equals("running")) {
            return ZectreErrors.of(409, "INVALID_STATE", "Only running or succeeded deployments can be promoted");
        }
        String environment = call.field("environment") != null ? call.field("environment") : "production";
        ZectreDeployment promoted = add(
                source.app(),
                environment,
                source.replicas(),
                source.image(),
                source.fails(),
                Timeline.startingNow(step));
        return Reply.json(
                201,
                Json.obj(
                        "deployment_id",
                        promoted.id(),
                        "message",
                        "Deployment v" + source.version() + " promoted to " + environment));
    }

    private Reply cancel(ZectreDeployment deployment) {
        boolean[] changed = {false};
        ZectreDeployment after = deployments.computeIfPresent(deployment.id(), (id, current) -> {
            if (current.terminal()) {
                return current;
            }
            changed[0] = true;
            return current.cancel();
        });
        if (after == null || !changed[0]) {
            return ZectreErrors.of(409, "INVALID_STATE", "Deployment is already " + deployment.status());
        }
        return Reply.json(after.toJson());
    }

    private Reply tasks(ZectreDeployment deployment) {
        String state = switch (deployment.status()) {
            case "pending" -> "pending";
            case "failed" -> "failed";
            case "cancelled" -> "stopped";
            default -> "running";
        };
        List<Map<String, @Nullable Object>> tasks = new ArrayList<>();
        for (int i = 0; i < deployment.replicas(); i++) {
            String taskState = state.equals("running") && i >= deployment.tasksReady() ? "starting" : state;
            tasks.add(Json.obj(
                    "id",
                    deployment.id().substring(0, 8) + "-" + i,
                    "deployment_id",
                    deployment.id(),
                    "state",
                    taskState,
                    "node",
                    "sandbox-1",
                    "started_at",
                    Json.iso(deployment.timeline().at(2))));
        }
        return Reply.json(tasks);
    }

    private static @Nullable Integer replicas(@Nullable JsonNode body) {
        JsonNode node = body == null ? null : body.get("replicas");
        if (node == null || node.isNull()) {
            return 1;
        }
        return node.isIntegralNumber() && node.asInt() >= 0 ? node.asInt() : null;
    }

    private Reply withApp(String id, Function<SeededApp, Reply> then) {
        return apps().stream()
                .filter(app -> app.id().equals(id))
                .findFirst()
                .map(then)
                .orElseGet(() -> ZectreErrors.notFound("App"));
    }

    private Reply withDeployment(String id, Function<ZectreDeployment, Reply> then) {
        ZectreDeployment deployment = deployments.get(id);
        return deployment == null ? ZectreErrors.notFound("Deployment") : then.apply(deployment);
    }
}
