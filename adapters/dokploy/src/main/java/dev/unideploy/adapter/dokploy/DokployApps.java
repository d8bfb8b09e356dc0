package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.App;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code project.all} walked: projects, their environments, the applications in each. */
final class DokployApps {

    private DokployApps() {}

    static List<App> fromProjects(JsonNode projects) {
        List<App> apps = new ArrayList<>();
        for (JsonNode node : projects) {
            DokployJson.Project project = DokployJson.read(node, DokployJson.Project.class);
            if (project.environments() != null) {
                for (DokployJson.Environment environment : project.environments()) {
                    addApps(apps, environment.applications(), environment.name());
                }
            }
            // Before environments (v0.2x), applications hung off the project.
            addApps(apps, project.applications(), null);
        }
        return List.copyOf(apps);
    }

    private static void addApps(List<App> apps, @Nullable List<JsonNode> nodes, @Nullable String environment) {
        if (nodes == null) {
            return;
        }
        for (JsonNode node : nodes) {
            DokployJson.Application app = DokployJson.read(node, DokployJson.Application.class);
            String name = app.name() != null ? app.name() : app.appName();
            apps.add(new App(
                    app.applicationId(),
                    name == null ? app.applicationId() : name,
                    environment,
                    DokployJson.APP_RAW.keep(node)));
        }
    }
}
