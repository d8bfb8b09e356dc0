package dev.unideploy.sandbox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Dokploy's {@code project.all} shape: projects, their environments, and the applications in each. */
final class DokployProjects {

    private DokployProjects() {}

    /** The one sandbox project with a production environment holding every seeded app. */
    static List<Map<String, @Nullable Object>> all(List<SeededApp> apps) {
        List<Map<String, @Nullable Object>> applications = apps.stream()
                .map(app -> application(DokployApp.of(app), app.failsBuild()))
                .toList();
        return List.of(Json.obj(
                "projectId", "prj-sandbox",
                "name", "sandbox",
                "description", "Unideploy sandbox",
                "createdAt", "2026-01-01T00:00:00.000Z",
                "environments",
                        List.of(Json.obj(
                                "environmentId", "env-production",
                                "name", "production",
                                "projectId", "prj-sandbox",
                                "applications", applications,
                                "compose", List.of()))));
    }

    static Map<String, @Nullable Object> application(DokployApp app, boolean broken) {
        return Json.obj(
                "applicationId",
                app.applicationId(),
                "name",
                app.name(),
                "appName",
                app.appName(),
                "applicationStatus",
                broken ? "error" : "done",
                "sourceType",
                "github",
                "branch",
                "main",
                "environmentId",
                "env-production");
    }
}
