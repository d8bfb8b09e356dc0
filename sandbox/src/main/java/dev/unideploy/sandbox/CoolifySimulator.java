package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Coolify v4 ({@code /api/v1}): Sanctum bearer tokens, the deployment queue, and its dedupe and queue-limit traps. */
final class CoolifySimulator extends ProviderSimulator {

    private final CoolifyQueue queue;
    private final CoolifyWrites writes;
    private final Router router;

    CoolifySimulator(Duration step) {
        super(
                "coolify",
                "/api/v1",
                List.of(new SeededApp("cool-web", "web", false), new SeededApp("cool-broken", "broken", true)),
                step);
        queue = new CoolifyQueue(step);
        writes = new CoolifyWrites(queue, this::app);
        router = new Router(
                        call -> CoolifyErrors.of(404, "The route " + call.path().substring(1) + " could not be found."),
                        (call, allowed) -> CoolifyErrors.of(
                                        405, "The " + call.method() + " method is not supported for route.")
                                .withHeader("Allow", String.join(", ", allowed)))
                .on("GET", "/version", (call, p) -> Reply.text(200, "4.3.11"))
                .on(
                        "GET",
                        "/applications",
                        (call, p) ->
                                Reply.json(apps().stream().map(this::appJson).toList()))
                .on("GET", "/applications/{uuid}", (call, p) -> withApp(p.get(0), app -> Reply.json(appJson(app))))
                // Since v4.2.0 GET /deploy is refused with a hint, and Laravel adds Allow: POST.
                .on(
                        "GET",
                        "/deploy",
                        (call, p) -> CoolifyErrors.of(405, "This endpoint has changed to a POST request.")
                                .withHeader("Allow", "POST"))
                .on("POST", "/deploy", (call, p) -> writes.deploy(call))
                .on(
                        "POST",
                        "/applications/{uuid}/start",
                        (call, p) -> withApp(p.get(0), app -> writes.start(app, call)))
                .on("GET", "/applications/{uuid}/rollback-images", (call, p) -> withApp(p.get(0), this::images))
                .on(
                        "POST",
                        "/applications/{uuid}/rollback",
                        (call, p) -> withApp(p.get(0), app -> writes.rollback(app, call)))
                .on(
                        "GET",
                        "/deployments",
                        (call, p) -> Reply.json(queue.active().stream()
                                .map(CoolifyDeployment::toJson)
                                .toList()))
                .on("GET", "/deployments/applications/{uuid}", (call, p) -> history(p.get(0), call))
                .on("GET", "/deployments/{uuid}", (call, p) -> withDeployment(p.get(0), d -> Reply.json(d.toJson())))
                .on(
                        "POST",
                        "/deployments/{uuid}/cancel",
                        (call, p) -> withDeployment(p.get(0), found -> writes.cancel(found.uuid())));
        queue.seed(apps());
    }

    /** How many deployments may wait or run on the (single) server before {@code /deploy} answers 429. */
    void queueLimit(int limit) {
        writes.queueLimit(limit);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        String auth = call.header("Authorization");
        if (auth == null || !auth.equals("Bearer sandbox")) {
            return CoolifyErrors.of(401, "Unauthenticated.");
        }
        return router.dispatch(call);
    }

    /**
     * Images of finished deploys, newest first; the newest is the running one. A deploy of HEAD is tagged with
     * its deployment uuid here (the sandbox resolves no real commit); {@code /rollback} accepts any tag.
     */
    private Reply images(SeededApp app) {
        List<CoolifyDeployment> finished = queue.history(app).stream()
                .filter(d -> d.status().equals("finished"))
                .toList();
        String current = finished.isEmpty() ? null : tag(finished.get(0));
        Map<String, Map<String, @Nullable Object>> images = new LinkedHashMap<>();
        for (CoolifyDeployment d : finished) {
            images.putIfAbsent(
                    tag(d),
                    Json.obj(
                            "tag", tag(d),
                            "created_at", CoolifyDeployment.laravel(d.timeline().start()),
                            "is_current", tag(d).equals(current)));
        }
        return Reply.json(Json.obj("current", current, "images", List.copyOf(images.values())));
    }

    private static String tag(CoolifyDeployment deployment) {
        return deployment.commit().equals("HEAD") ? deployment.uuid() : deployment.commit();
    }

    private Reply history(String uuid, Call call) {
        return withApp(uuid, app -> {
            int skip = call.intQuery("skip", 0, 0);
            int take = call.intQuery("take", 10, 10);
            if (take < 1 || skip < 0) {
                return Reply.json(
                        422,
                        Json.obj(
                                "message",
                                "Validation failed.",
                                "errors",
                                Map.of("take", List.of("The take field must be at least 1."))));
            }
            List<CoolifyDeployment> all = queue.history(app);
            List<Map<String, @Nullable Object>> page = all.stream()
                    .skip(skip)
                    .limit(take)
                    .map(CoolifyDeployment::toJson)
                    .toList();
            return Reply.json(Json.obj("count", all.size(), "deployments", page));
        });
    }

    private Map<String, @Nullable Object> appJson(SeededApp app) {
        CoolifyDeployment last = queue.history(app).stream().findFirst().orElse(null);
        String status = last != null && last.status().equals("finished") ? "running:healthy" : "exited:unhealthy";
        return Json.obj(
                "uuid",
                app.id(),
                "name",
                app.name(),
                "fqdn",
                "http://" + app.name() + ".sandbox.localhost",
                "status",
                status,
                "git_repository",
                "unideploy/" + app.name(),
                "git_branch",
                "main",
                "build_pack",
                "nixpacks",
                "environment_id",
                1,
                "destination_id",
                0);
    }

    private Reply withApp(String uuid, Function<SeededApp, Reply> then) {
        SeededApp app = app(uuid);
        return app == null ? CoolifyErrors.of(404, "Application not found.") : then.apply(app);
    }

    private Reply withDeployment(String uuid, Function<CoolifyDeployment, Reply> then) {
        CoolifyDeployment deployment = queue.get(uuid);
        return deployment == null ? CoolifyErrors.of(404, "Deployment not found.") : then.apply(deployment);
    }

    private @Nullable SeededApp app(String uuid) {
        return apps().stream().filter(app -> app.id().equals(uuid)).findFirst().orElse(null);
    }
}
