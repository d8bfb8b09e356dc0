package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Coolify v4 ({@code /api/v1}): Sanctum bearer tokens, the deployment queue, and its dedupe and queue-limit traps. */
final class CoolifySimulator extends ProviderSimulator {

    private final CoolifyQueue queue;

    private volatile int queueLimit = 25;
    private final Router router;

    CoolifySimulator(Duration step) {
        super(
                "coolify",
                "/api/v1",
                List.of(new SeededApp("cool-web", "web", false), new SeededApp("cool-broken", "broken", true)),
                step);
        queue = new CoolifyQueue(step);
        router = new Router(
                        call -> error(404, "The route " + call.path().substring(1) + " could not be found."),
                        (call, allowed) -> error(405, "The " + call.method() + " method is not supported for route.")
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
                        (call, p) -> error(405, "This endpoint has changed to a POST request.")
                                .withHeader("Allow", "POST"))
                .on("POST", "/deploy", (call, p) -> deploy(call))
                .on("POST", "/applications/{uuid}/start", (call, p) -> start(p.get(0), call))
                .on("GET", "/applications/{uuid}/rollback-images", (call, p) -> withApp(p.get(0), this::images))
                .on("POST", "/applications/{uuid}/rollback", (call, p) -> rollback(p.get(0), call))
                .on(
                        "GET",
                        "/deployments",
                        (call, p) -> Reply.json(queue.active().stream()
                                .map(CoolifyDeployment::toJson)
                                .toList()))
                .on("GET", "/deployments/applications/{uuid}", (call, p) -> history(p.get(0), call))
                .on("GET", "/deployments/{uuid}", (call, p) -> withDeployment(p.get(0), d -> Reply.json(d.toJson())))
                .on("POST", "/deployments/{uuid}/cancel", (call, p) -> cancel(p.get(0)));
        queue.seed(apps());
    }

    /** How many deployments may wait or run on the (single) server before {@code /deploy} answers 429. */
    void queueLimit(int limit) {
        this.queueLimit = limit;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        String auth = call.header("Authorization");
        if (auth == null || !auth.equals("Bearer sandbox")) {
            return error(401, "Unauthenticated.");
        }
        return router.dispatch(call);
    }

    private Reply deploy(Call call) {
        String uuids = call.param("uuid");
        if (uuids == null || uuids.isBlank()) {
            String tag = call.param("tag");
            return tag == null
                    ? error(400, "You must provide uuid or tag.")
                    : error(404, "No resources found with this tag.");
        }
        boolean force = "true".equalsIgnoreCase(call.param("force"));
        List<Map<String, @Nullable Object>> results = new ArrayList<>();
        for (String uuid : uuids.split(",")) {
            SeededApp app = app(uuid.trim());
            if (app == null) {
                continue;
            }
            synchronized (this) {
                if (!force && queue.activeFor(app) != null) {
                    // Dedupe: nothing is queued, yet a fresh uuid comes back that was never stored (GET → 404).
                    results.add(Json.obj(
                            "message", "Deployment already queued for this commit.",
                            "resource_uuid", app.id(),
                            "deployment_uuid", CoolifyQueue.uuid()));
                    continue;
                }
                if (queue.active().size() >= queueLimit) {
                    return error(429, "Deployment queue is full. Please try again later.")
                            .withHeader("Retry-After", "60");
                }
                CoolifyDeployment created = queue.add(app, "HEAD", force, false);
                results.add(Json.obj(
                        "message", "Application " + app.name() + " deployment queued.",
                        "resource_uuid", app.id(),
                        "deployment_uuid", created.uuid()));
            }
        }
        if (results.isEmpty()) {
            return error(404, "No resources found.");
        }
        return Reply.json(Json.obj("deployments", results));
    }

    private Reply start(String uuid, Call call) {
        return withApp(uuid, app -> {
            synchronized (this) {
                if (!"true".equalsIgnoreCase(call.query().get("force")) && queue.activeFor(app) != null) {
                    // /start answers the dedupe with the message only, no uuid at all.
                    return Reply.json(Json.obj("message", "Deployment already queued for this commit."));
                }
                CoolifyDeployment created = queue.add(app, "HEAD", false, false);
                return Reply.json(Json.obj("message", "Deployment request queued.", "deployment_uuid", created.uuid()));
            }
        });
    }

    private Reply rollback(String uuid, Call call) {
        return withApp(uuid, app -> {
            Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
            if (call.body() == null
                    || call.field("commit") == null
                    || call.field("commit").isBlank()) {
                errors.put("commit", List.of("The commit field is required."));
            }
            if (call.body() != null) {
                // Only "commit" is allowed: any other field is a validation error.
                call.body().propertyNames().stream()
                        .filter(name -> !name.equals("commit"))
                        .forEach(name -> errors.put(name, List.of("This field is not allowed.")));
            }
            if (!errors.isEmpty()) {
                return Reply.json(422, Json.obj("message", "Validation failed.", "errors", errors));
            }
            synchronized (this) {
                if (queue.active().size() >= queueLimit) {
                    return error(400, "Deployment queue is full. Please try again later.");
                }
                CoolifyDeployment created = queue.add(app, call.field("commit"), false, true);
                return Reply.json(
                        Json.obj("message", "Rollback deployment queued.", "deployment_uuid", created.uuid()));
            }
        });
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
        Map<String, Map<String, @Nullable Object>> images = new java.util.LinkedHashMap<>();
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
            int skip = intParam(call, "skip", 0);
            int take = intParam(call, "take", 10);
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

    private Reply cancel(String uuid) {
        return withDeployment(uuid, found -> {
            synchronized (this) {
                CoolifyDeployment current = queue.get(uuid);
                if (!current.active()) {
                    return error(400, "Deployment cannot be cancelled. Current status: " + current.status());
                }
                queue.replace(current.cancel());
                return Reply.json(Json.obj(
                        "message", "Deployment cancelled successfully.",
                        "deployment_uuid", uuid,
                        "status", "cancelled-by-user"));
            }
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

    private Reply withApp(String uuid, java.util.function.Function<SeededApp, Reply> then) {
        SeededApp app = app(uuid);
        return app == null ? error(404, "Application not found.") : then.apply(app);
    }

    private Reply withDeployment(String uuid, java.util.function.Function<CoolifyDeployment, Reply> then) {
        CoolifyDeployment deployment = queue.get(uuid);
        return deployment == null ? error(404, "Deployment not found.") : then.apply(deployment);
    }

    private @Nullable SeededApp app(String uuid) {
        return apps().stream().filter(app -> app.id().equals(uuid)).findFirst().orElse(null);
    }

    private static int intParam(Call call, String name, int fallback) {
        try {
            String value = call.query().get(name);
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, Json.obj("message", message));
    }
}
