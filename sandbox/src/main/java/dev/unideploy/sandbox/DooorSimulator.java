package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dooor OS ({@code /api/v1}, NestJS): workspace-scoped deploys, revisions and traffic; no cancel route. */
final class DooorSimulator extends ProviderSimulator {

    static final String WORKSPACE = "ws_sandbox";
    private static final String WS = "/workspaces/{ws}";

    private final Map<String, DooorDeployment> deployments = new ConcurrentHashMap<>();
    private final DooorRevisions revisions = new DooorRevisions(() -> deployments.values());
    private final Map<String, Integer> replicas = new ConcurrentHashMap<>();
    private final AtomicInteger revisionNumbers = new AtomicInteger();
    private final Router router;

    DooorSimulator(Duration step) {
        super(
                "dooor",
                "/api/v1",
                List.of(new SeededApp("door-web", "web", false), new SeededApp("door-broken", "broken", true)),
                step);
        // NestJS answers an unknown route and a known path with the wrong method alike: 404 "Cannot POST …".
        router = new Router(DooorErrors::noRoute, (call, allowed) -> DooorErrors.noRoute(call))
                .on("GET", "/api-keys/whoami", (call, p) -> Reply.json(whoami()))
                .on("GET", WS + "/apps", (call, p) -> appsPage(call))
                .on("POST", WS + "/deploy", (call, p) -> deploy(call))
                .on("GET", WS + "/deploy", (call, p) -> list(call))
                .on("POST", WS + "/deploy/scale", (call, p) -> scale(call))
                .on(
                        "GET",
                        WS + "/deploy/apps/{app}/revisions",
                        (call, p) -> withApp(p.get(1), app -> Reply.json(revisions.rows(app))))
                .on(
                        "POST",
                        WS + "/deploy/apps/{app}/traffic",
                        (call, p) -> withApp(p.get(1), app -> revisions.split(app, call)))
                .on("POST", WS + "/deploy/revisions/{name}/promote", (call, p) -> revisions.promote(apps(), p.get(1)))
                .on("GET", WS + "/deploy/{id}", (call, p) -> withDeployment(p.get(1), d -> Reply.json(d.toJson())))
                .on("GET", WS + "/deploy/{id}/runtime-status", (call, p) -> withDeployment(p.get(1), this::runtime))
                .on(
                        "GET",
                        WS + "/deploy/{id}/logs",
                        (call, p) -> withDeployment(p.get(1), d -> Reply.json(Json.obj("logs", d.logs()))))
                .on("POST", WS + "/deploy/{id}/rollback", (call, p) -> withDeployment(p.get(1), this::rollback));
        seed();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("token", "sandbox", "workspace", WORKSPACE);
    }

    @Override
    Reply respond(Call call) {
        if (!"Bearer sandbox".equals(call.header("Authorization"))) {
            return DooorErrors.of(401, "Unauthorized");
        }
        String[] segments = call.path().split("/");
        if (segments.length > 2 && segments[1].equals("workspaces") && !segments[2].equals(WORKSPACE)) {
            // The key is bound to ws_sandbox: any other workspace is refused.
            return DooorErrors.of(403, "API key does not have access to workspace " + segments[2]);
        }
        return router.dispatch(call);
    }

    private void seed() {
        for (SeededApp app : apps()) {
            for (int age = 3; age >= 1; age--) {
                boolean fails = app.failsBuild() && age < 3;
                add(app, "MANUAL", null, fails, Timeline.historical(Duration.ofHours(age * 24L), step), null);
            }
        }
    }

    private DooorDeployment add(
            SeededApp app,
            String trigger,
            @Nullable String branch,
            boolean fails,
            Timeline timeline,
            @Nullable DooorDeployment rollbackTarget) {
        String revision = rollbackTarget != null
                ? rollbackTarget.revisionName()
                : app.name() + "-" + String.format("%05d", revisionNumbers.incrementAndGet()) + "-"
                        + Json.randomId(3).toLowerCase(java.util.Locale.ROOT);
        DooorDeployment created = new DooorDeployment(
                "dep_" + Json.randomId(20),
                app,
                trigger,
                branch != null ? branch : "main",
                rollbackTarget != null ? rollbackTarget.gitCommitSha() : Json.randomHex(40),
                revision,
                rollbackTarget != null ? rollbackTarget.id() : null,
                fails,
                timeline);
        deployments.put(created.id(), created);
        return created;
    }

    private Reply deploy(Call call) {
        String appId = call.field("appId");
        if (appId == null || appId.isBlank()) {
            return DooorErrors.invalid("appId must be a string", "appId should not be empty");
        }
        String trigger = call.field("triggerType") != null ? call.field("triggerType") : "MANUAL";
        // NestJS answers a POST with 201 unless the handler says otherwise.
        return withApp(
                appId,
                app -> Reply.json(
                        201,
                        add(app, trigger, call.field("gitBranch"), app.failsBuild(), Timeline.startingNow(step), null)
                                .toJson()));
    }

    private Reply list(Call call) {
        int page = intParam(call, "page", 1);
        int limit = intParam(call, "limit", 20);
        if (page < 1 || limit < 1 || limit > 100) {
            return DooorErrors.invalid("page must not be less than 1", "limit must not be greater than 100");
        }
        String appId = call.query().get("appId");
        String status = call.query().get("status");
        List<DooorDeployment> all = deployments.values().stream()
                .filter(d -> appId == null || d.app().id().equals(appId))
                .filter(d -> status == null || d.status().equalsIgnoreCase(status))
                .sorted(DooorDeployment.NEWEST_FIRST)
                .toList();
        List<Map<String, @Nullable Object>> data = all.stream()
                .skip((long) (page - 1) * limit)
                .limit(limit)
                .map(DooorDeployment::toJson)
                .toList();
        int totalPages = (all.size() + limit - 1) / limit;
        return Reply.json(Json.obj(
                "data",
                data,
                "meta",
                Json.obj("total", all.size(), "page", page, "limit", limit, "totalPages", totalPages)));
    }

    private Reply runtime(DooorDeployment deployment) {
        int wanted = replicas.getOrDefault(deployment.app().id(), 1);
        String status = deployment.status();
        String phase = switch (status) {
            case "succeeded" -> "Running";
            case "failed" -> "Failed";
            default -> "Pending";
        };
        int ready = status.equals("succeeded") ? wanted : 0;
        return Reply.json(Json.obj(
                "phase", phase,
                "ready", ready,
                "total", wanted,
                "conditions",
                        List.of(
                                Json.obj("type", "Available", "status", ready == wanted ? "True" : "False"),
                                Json.obj("type", "Progressing", "status", deployment.terminal() ? "False" : "True"))));
    }

    private Reply scale(Call call) {
        String appId = call.field("appId");
        JsonNode count = call.body() == null ? null : call.body().get("replicas");
        if (appId == null) {
            return DooorErrors.invalid("appId must be a string");
        }
        if (count == null || !count.isIntegralNumber()) {
            return DooorErrors.invalid("replicas must be an integer number");
        }
        if (count.asInt() < 0 || count.asInt() > 10) {
            return DooorErrors.invalid(
                    count.asInt() < 0 ? "replicas must not be less than 0" : "replicas must not be greater than 10");
        }
        return withApp(appId, app -> {
            Integer before = replicas.put(app.id(), count.asInt());
            return Reply.json(
                    201,
                    Json.obj(
                            "appId", app.id(),
                            "name", app.name(),
                            "requestedReplicas", count.asInt(),
                            "currentReplicas", before == null ? 1 : before,
                            "status", "scaling"));
        });
    }

    /** {@code {deployId}} is the target: the new deployment re-uses its image, starts deploying, names it. */
    private Reply rollback(DooorDeployment target) {
        if (!target.status().equals("succeeded")) {
            return DooorErrors.of(400, "Only a succeeded deployment can be a rollback target");
        }
        DooorDeployment created =
                add(target.app(), "ROLLBACK", target.gitBranch(), false, Timeline.startingNow(step), target);
        return Reply.json(201, created.toJson());
    }

    private Reply appsPage(Call call) {
        int page = Math.max(1, intParam(call, "page", 1));
        int limit = Math.max(1, Math.min(100, intParam(call, "limit", 20)));
        List<Map<String, @Nullable Object>> data = apps().stream()
                .skip((long) (page - 1) * limit)
                .limit(limit)
                .map(app -> Json.obj(
                        "id",
                        app.id(),
                        "name",
                        app.name(),
                        "workspaceId",
                        WORKSPACE,
                        "gitBranch",
                        "main",
                        "replicas",
                        replicas.getOrDefault(app.id(), 1)))
                .toList();
        int total = apps().size();
        return Reply.json(Json.obj(
                "data",
                data,
                "meta",
                Json.obj("total", total, "page", page, "limit", limit, "totalPages", (total + limit - 1) / limit)));
    }

    private Map<String, @Nullable Object> whoami() {
        return Json.obj(
                "workspaceId", WORKSPACE,
                "workspace", Json.obj("id", WORKSPACE, "name", "Sandbox"),
                "scopes", List.of("deploy:read", "deploy:write", "apps:read", "apps:write", "monitoring:read"));
    }

    private Reply withApp(String id, Function<SeededApp, Reply> then) {
        return apps().stream()
                .filter(app -> app.id().equals(id))
                .findFirst()
                .map(then)
                .orElseGet(() -> DooorErrors.of(404, "App " + id + " not found"));
    }

    private Reply withDeployment(String id, Function<DooorDeployment, Reply> then) {
        DooorDeployment deployment = deployments.get(id);
        return deployment == null ? DooorErrors.of(404, "Deployment " + id + " not found") : then.apply(deployment);
    }

    private static int intParam(Call call, String name, int fallback) {
        try {
            String value = call.query().get(name);
            return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
