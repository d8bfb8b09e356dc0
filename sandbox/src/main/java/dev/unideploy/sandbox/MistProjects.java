package dev.unideploy.sandbox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Mist's one sandbox project (id 1) and the apps in it. */
final class MistProjects {

    private MistProjects() {}

    static Reply all() {
        return MistErrors.ok(List.of(project()), "Projects retrieved successfully");
    }

    static Reply appsOf(Call call, List<SeededApp> seeded) {
        JsonNode projectId = call.body() == null ? null : call.body().get("projectId");
        if (projectId == null || !projectId.isIntegralNumber()) {
            return MistErrors.of(400, "Invalid request body", "projectId is required");
        }
        if (projectId.asLong() != 1) {
            return MistErrors.of(404, "Project not found", "");
        }
        List<Map<String, @Nullable Object>> apps = seeded.stream()
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

    private static Map<String, @Nullable Object> project() {
        return Json.obj("id", 1, "name", "sandbox", "description", "Unideploy sandbox", "owner_id", 1);
    }
}
