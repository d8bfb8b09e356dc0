package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Coolify v4 ({@code /api/v1}): Sanctum bearer tokens, the deployment queue, and its dedupe and queue-limit traps. */
final class CoolifySimulator extends ProviderSimulator {

    private final Map<String, CoolifyDeployment> deployments = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    /** Index of rows that may still be queued or in progress, so busy benchmarks do not scan all history. */
    private final java.util.Set<String> live = ConcurrentHashMap.newKeySet();

    private volatile int queueLimit = 25;
    private final Router router;

    CoolifySimulator(Duration step) {
        super(
                "coolify",
                "/api/v1",
                List.of(new SeededApp("cool-web", "web", false), new SeededApp("cool-broken", "broken", true)),
                step);
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
                .on("POST", "/applications/{uuid}/rollback", (call, p) -> rollback(p.get(0), call))
                .on(
                        "GET",
                        "/deployments",
                        (call, p) -> Reply.json(
                                active().stream().map(CoolifyDeployment::toJson).toList()))
                .on("GET", "/deployments/applications/{uuid}", (call, p) -> history(p.get(0), call))
                .on("GET", "/deployments/{uuid}", (call, p) -> withDeployment(p.get(0), d -> Reply.json(d.toJson())))
                .on("POST", "/deployments/{uuid}/cancel", (call, p) -> cancel(p.get(0)));
        seed();
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

    private void seed() {
        for (SeededApp app : apps()) {
            for (int age = 3; age >= 1; age--) {
                // The broken app deployed fine once, before it broke: rollback has a target.
                SeededApp asThen = new SeededApp(app.id(), app.name(), app.failsBuild() && age < 3);
                CoolifyDeployment old = new CoolifyDeployment(
                        ids.incrementAndGet(),
                        uuid(),
                        asThen,
                        Json.randomHex(40),
                        false,
                        false,
                        Timeline.historical(Duration.ofHours(age * 24L), step),
                        false);
                deployments.put(old.uuid(), old);
            }
        }
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
                if (!force && activeFor(app) != null) {
                    // Dedupe: nothing is queued, yet a fresh uuid comes back that was never stored (GET → 404).
                    results.add(Json.obj(
                            "message", "Deployment already queued for this commit.",
                            "resource_uuid", app.id(),
                            "deployment_uuid", uuid()));
                    continue;
                }
                if (queued() >= queueLimit) {
                    return error(429, "Deployment queue is full. Please try again later.")
                            .withHeader("Retry-After", "60");
                }
                CoolifyDeployment created = queue(app, "HEAD", force, false);
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
                if (!"true".equalsIgnoreCase(call.query().get("force")) && activeFor(app) != null) {
                    // /start answers the dedupe with the message only, no uuid at all.
                    return Reply.json(Json.obj("message", "Deployment already queued for this commit."));
                }
                CoolifyDeployment created = queue(app, "HEAD", false, false);
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
                if (queued() >= queueLimit) {
                    return error(400, "Deployment queue is full. Please try again later.");
                }
                CoolifyDeployment created = queue(app, call.field("commit"), false, true);
                return Reply.json(
                        Json.obj("message", "Rollback deployment queued.", "deployment_uuid", created.uuid()));
            }
        });
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
            List<CoolifyDeployment> all = sorted(d -> d.app().id().equals(app.id()));
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
                CoolifyDeployment current = deployments.get(uuid);
                if (!current.active()) {
                    return error(400, "Deployment cannot be cancelled. Current status: " + current.status());
                }
                deployments.put(uuid, current.cancel());
                return Reply.json(Json.obj(
                        "message", "Deployment cancelled successfully.",
                        "deployment_uuid", uuid,
                        "status", "cancelled-by-user"));
            }
        });
    }

    private CoolifyDeployment queue(SeededApp app, String commit, boolean force, boolean rollback) {
        CoolifyDeployment created = new CoolifyDeployment(
                ids.incrementAndGet(), uuid(), app, commit, force, rollback, Timeline.startingNow(step), false);
        deployments.put(created.uuid(), created);
        live.add(created.uuid());
        return created;
    }

    /** Queued and in-progress rows, oldest first; finished ones leave the index as they are found. */
    private List<CoolifyDeployment> active() {
        List<CoolifyDeployment> active = new ArrayList<>();
        for (String uuid : live) {
            CoolifyDeployment row = deployments.get(uuid);
            if (row != null && row.active()) {
                active.add(row);
            } else {
                live.remove(uuid);
            }
        }
        active.sort(Comparator.comparingInt(CoolifyDeployment::id));
        return active;
    }

    private @Nullable CoolifyDeployment activeFor(SeededApp app) {
        return active().stream()
                .filter(d -> d.app().id().equals(app.id()) && d.commit().equals("HEAD"))
                .findFirst()
                .orElse(null);
    }

    private long queued() {
        return active().size();
    }

    private List<CoolifyDeployment> sorted(java.util.function.Predicate<CoolifyDeployment> filter) {
        return deployments.values().stream()
                .filter(filter)
                .sorted(Comparator.comparingInt(CoolifyDeployment::id).reversed())
                .toList();
    }

    private Map<String, @Nullable Object> appJson(SeededApp app) {
        CoolifyDeployment last =
                sorted(d -> d.app().id().equals(app.id())).stream().findFirst().orElse(null);
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
        CoolifyDeployment deployment = deployments.get(uuid);
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

    /** Coolify's cuid2-style deployment uuid. */
    private static String uuid() {
        return Json.randomId(24).toLowerCase(java.util.Locale.ROOT);
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, Json.obj("message", message));
    }
}
