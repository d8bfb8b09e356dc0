package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Dooor OS ({@code /api/v1}, NestJS): workspace-scoped deploys, revisions and traffic; no cancel route. */
final class DooorSimulator extends ProviderSimulator {

    static final String WORKSPACE = "ws_sandbox";
    private static final String WS = "/workspaces/{ws}";

    private final Map<String, DooorDeployment> deployments = new ConcurrentHashMap<>();
    private final DooorRevisions revisions = new DooorRevisions(() -> deployments.values());
    private final AtomicInteger revisionNumbers = new AtomicInteger();
    private final DooorApps workspace;
    private final Router router;

    DooorSimulator(Duration step) {
        super(
                "dooor",
                "/api/v1",
                List.of(new SeededApp("door-web", "web", false), new SeededApp("door-broken", "broken", true)),
                step);
        workspace = new DooorApps(apps());
        // NestJS answers an unknown route and a known path with the wrong method alike: 404 "Cannot POST …".
        router = new Router(DooorErrors::noRoute, (call, allowed) -> DooorErrors.noRoute(call))
                .on("GET", "/api-keys/whoami", (call, p) -> Reply.json(whoami()))
                .on("GET", WS + "/apps", (call, p) -> workspace.page(call))
                .on("POST", WS + "/deploy", (call, p) -> deploy(call))
                .on("GET", WS + "/deploy", (call, p) -> list(call))
                .on("POST", WS + "/deploy/scale", (call, p) -> workspace.scale(call))
                .on(
                        "GET",
                        WS + "/deploy/apps/{app}/revisions",
                        (call, p) -> workspace.withApp(p.get(1), app -> Reply.json(revisions.rows(app))))
                .on(
                        "POST",
                        WS + "/deploy/apps/{app}/traffic",
                        (call, p) -> workspace.withApp(p.get(1), app -> revisions.split(app, call)))
                .on("POST", WS + "/deploy/revisions/{name}/promote", (call, p) -> revisions.promote(apps(), p.get(1)))
                .on("GET", WS + "/deploy/{id}", (call, p) -> withDeployment(p.get(1), d -> Reply.json(d.toJson())))
                .on(
                        "GET",
                        WS + "/deploy/{id}/runtime-status",
                        (call, p) -> withDeployment(p.get(1), workspace::runtime))
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
                        + Json.randomId(3).toLowerCase(Locale.ROOT);
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
        return workspace.withApp(
                appId,
                app -> Reply.json(
                        201,
                        add(app, trigger, call.field("gitBranch"), app.failsBuild(), Timeline.startingNow(step), null)
                                .toJson()));
    }

    private Reply list(Call call) {
        int page = call.intQuery("page", 1, -1);
        int limit = call.intQuery("limit", 20, -1);
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

    /** {@code {deployId}} is the target: the new deployment re-uses its image, starts deploying, names it. */
    private Reply rollback(DooorDeployment target) {
        if (!target.status().equals("succeeded")) {
            return DooorErrors.of(400, "Only a succeeded deployment can be a rollback target");
        }
        DooorDeployment created =
                add(target.app(), "ROLLBACK", target.gitBranch(), false, Timeline.startingNow(step), target);
        return Reply.json(201, created.toJson());
    }

    private Map<String, @Nullable Object> whoami() {
        return Json.obj(
                "workspaceId", WORKSPACE,
                "workspace", Json.obj("id", WORKSPACE, "name", "Sandbox"),
                "scopes", List.of("deploy:read", "deploy:write", "apps:read", "apps:write", "monitoring:read"));
    }

    private Reply withDeployment(String id, Function<DooorDeployment, Reply> then) {
        DooorDeployment deployment = deployments.get(id);
        return deployment == null ? DooorErrors.of(404, "Deployment " + id + " not found") : then.apply(deployment);
    }
}
