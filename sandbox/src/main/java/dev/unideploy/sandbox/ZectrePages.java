package dev.unideploy.sandbox;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Zectre's list routes, in its two paging styles: a version cursor for one app's deployments, page numbers for the
 * flat deployment list and the apps.
 */
final class ZectrePages {

    private final List<SeededApp> apps;
    private final Supplier<Collection<ZectreDeployment>> deployments;

    ZectrePages(List<SeededApp> apps, Supplier<Collection<ZectreDeployment>> deployments) {
        this.apps = apps;
        this.deployments = deployments;
    }

    /** {@code page_token} is a version number: the page holds older versions, newest first. */
    Reply cursorPage(SeededApp app, Call call) {
        int size = Math.max(1, Math.min(100, call.intQuery("page_size", 20, 20)));
        int before = call.intQuery("page_token", Integer.MAX_VALUE, Integer.MAX_VALUE);
        List<ZectreDeployment> older = deployments.get().stream()
                .filter(d -> d.app().id().equals(app.id()) && d.version() < before)
                .sorted(Comparator.comparingInt(ZectreDeployment::version).reversed())
                .toList();
        List<ZectreDeployment> page = older.stream().limit(size).toList();
        String next =
                older.size() > size ? String.valueOf(page.get(page.size() - 1).version()) : null;
        return Reply.json(Json.obj(
                "deployments", page.stream().map(ZectreDeployment::toJson).toList(), "next_page_token", next));
    }

    /** The flat list is page-based ({@code {data,total,page,page_size}}, like the apps list), newest first. */
    Reply pagedList(Call call) {
        int page = Math.max(1, call.intQuery("page", 1, 1));
        int size = Math.max(1, Math.min(100, call.intQuery("page_size", 20, 20)));
        String appId = call.query().get("app_id");
        boolean ascending = "asc".equalsIgnoreCase(call.query().get("sort_order"));
        // Ties (one millisecond) broken by the app's version sequence: one order on every page.
        Comparator<ZectreDeployment> order = Comparator.comparing(
                        (ZectreDeployment d) -> d.timeline().start())
                .thenComparingInt(ZectreDeployment::version);
        List<ZectreDeployment> all = deployments.get().stream()
                .filter(d -> appId == null || d.app().id().equals(appId))
                .sorted(ascending ? order : order.reversed())
                .toList();
        List<Map<String, @Nullable Object>> data = all.stream()
                .skip((long) (page - 1) * size)
                .limit(size)
                .map(ZectreDeployment::toJson)
                .toList();
        return Reply.json(Json.obj("data", data, "total", all.size(), "page", page, "page_size", size));
    }

    Reply appsPage(Call call) {
        int page = Math.max(1, call.intQuery("page", 1, 1));
        int size = Math.max(1, Math.min(100, call.intQuery("page_size", 20, 20)));
        List<Map<String, @Nullable Object>> data = apps.stream()
                .skip((long) (page - 1) * size)
                .limit(size)
                .map(ZectrePages::appJson)
                .toList();
        return Reply.json(Json.obj("data", data, "total", apps.size(), "page", page, "page_size", size));
    }

    static Map<String, @Nullable Object> appJson(SeededApp app) {
        return Json.obj(
                "id", app.id(),
                "name", app.name(),
                "slug", app.name(),
                "repository_url", "https://github.com/unideploy/" + app.name(),
                "created_at", Json.iso(Instant.parse("2026-01-01T00:00:00Z")));
    }
}
