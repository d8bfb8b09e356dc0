package dev.unideploy.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Dooor's apps in the sandbox workspace: the apps page, their replica counts and the runtime status they make. */
final class DooorApps {

    private final List<SeededApp> apps;
    private final Map<String, Integer> replicas = new ConcurrentHashMap<>();

    DooorApps(List<SeededApp> apps) {
        this.apps = apps;
    }

    Reply withApp(String id, Function<SeededApp, Reply> then) {
        return apps.stream()
                .filter(app -> app.id().equals(id))
                .findFirst()
                .map(then)
                .orElseGet(() -> DooorErrors.of(404, "App " + id + " not found"));
    }

    Reply page(Call call) {
        int page = Math.max(1, call.intQuery("page", 1, -1));
        int limit = Math.max(1, Math.min(100, call.intQuery("limit", 20, -1)));
        List<Map<String, @Nullable Object>> data = apps.stream()
                .skip((long) (page - 1) * limit)
                .limit(limit)
                .map(app -> Json.obj(
                        "id",
                        app.id(),
                        "name",
                        app.name(),
                        "workspaceId",
                        DooorSimulator.WORKSPACE,
                        "gitBranch",
                        "main",
                        "replicas",
                        replicas.getOrDefault(app.id(), 1)))
                .toList();
        int total = apps.size();
        return Reply.json(Json.obj(
                "data",
                data,
                "meta",
                Json.obj("total", total, "page", page, "limit", limit, "totalPages", (total + limit - 1) / limit)));
    }

    Reply scale(Call call) {
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

    /** The pods of the app as the deployment left them: all ready once it succeeded, none before. */
    Reply runtime(DooorDeployment deployment) {
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
}
