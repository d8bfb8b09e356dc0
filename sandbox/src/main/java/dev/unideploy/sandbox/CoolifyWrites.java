package dev.unideploy.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Coolify's routes that queue or cancel deployments, with their traps: the dedupe of a queued deploy of HEAD and the
 * queue limit. One lock over all of them, so a check and the row it guards are one step.
 */
final class CoolifyWrites {

    private final CoolifyQueue queue;
    private final Function<String, @Nullable SeededApp> apps;
    private volatile int queueLimit = 25;

    CoolifyWrites(CoolifyQueue queue, Function<String, @Nullable SeededApp> apps) {
        this.queue = queue;
        this.apps = apps;
    }

    /** How many deployments may wait or run on the (single) server before {@code /deploy} answers 429. */
    void queueLimit(int limit) {
        this.queueLimit = limit;
    }

    Reply deploy(Call call) {
        String uuids = call.param("uuid");
        if (uuids == null || uuids.isBlank()) {
            String tag = call.param("tag");
            return tag == null
                    ? CoolifyErrors.of(400, "You must provide uuid or tag.")
                    : CoolifyErrors.of(404, "No resources found with this tag.");
        }
        boolean force = "true".equalsIgnoreCase(call.param("force"));
        List<Map<String, @Nullable Object>> results = new ArrayList<>();
        for (String uuid : uuids.split(",")) {
            SeededApp app = apps.apply(uuid.trim());
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
                    return CoolifyErrors.of(429, "Deployment queue is full. Please try again later.")
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
            return CoolifyErrors.of(404, "No resources found.");
        }
        return Reply.json(Json.obj("deployments", results));
    }

    Reply start(SeededApp app, Call call) {
        synchronized (this) {
            if (!"true".equalsIgnoreCase(call.query().get("force")) && queue.activeFor(app) != null) {
                // /start answers the dedupe with the message only, no uuid at all.
                return Reply.json(Json.obj("message", "Deployment already queued for this commit."));
            }
            CoolifyDeployment created = queue.add(app, "HEAD", false, false);
            return Reply.json(Json.obj("message", "Deployment request queued.", "deployment_uuid", created.uuid()));
        }
    }

    Reply rollback(SeededApp app, Call call) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
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
                return CoolifyErrors.of(400, "Deployment queue is full. Please try again later.");
            }
            CoolifyDeployment created = queue.add(app, call.field("commit"), false, true);
            return Reply.json(Json.obj("message", "Rollback deployment queued.", "deployment_uuid", created.uuid()));
        }
    }

    Reply cancel(String uuid) {
        synchronized (this) {
            CoolifyDeployment current = queue.get(uuid);
            if (!current.active()) {
                return CoolifyErrors.of(400, "Deployment cannot be cancelled. Current status: " + current.status());
            }
            queue.replace(current.cancel());
            return Reply.json(Json.obj(
                    "message", "Deployment cancelled successfully.",
                    "deployment_uuid", uuid,
                    "status", "cancelled-by-user"));
        }
    }
}
