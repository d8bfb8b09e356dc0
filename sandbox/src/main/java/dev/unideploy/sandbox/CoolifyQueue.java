package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Coolify's {@code application_deployment_queue} table: every row ever queued, with an index of the live ones. */
final class CoolifyQueue {

    private final Map<String, CoolifyDeployment> rows = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    /** Rows that may still be queued or in progress, so busy benchmarks do not scan all history. */
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    private final Duration step;

    CoolifyQueue(Duration step) {
        this.step = step;
    }

    /** Three finished rows per app; the broken app deployed fine once, before it broke (a rollback target). */
    void seed(List<SeededApp> apps) {
        for (SeededApp app : apps) {
            for (int age = 3; age >= 1; age--) {
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
                rows.put(old.uuid(), old);
            }
        }
    }

    CoolifyDeployment add(SeededApp app, String commit, boolean force, boolean rollback) {
        CoolifyDeployment created = new CoolifyDeployment(
                ids.incrementAndGet(), uuid(), app, commit, force, rollback, Timeline.startingNow(step), false);
        rows.put(created.uuid(), created);
        live.add(created.uuid());
        return created;
    }

    @Nullable
    CoolifyDeployment get(String uuid) {
        return rows.get(uuid);
    }

    void replace(CoolifyDeployment row) {
        rows.put(row.uuid(), row);
    }

    /** Queued and in-progress rows, oldest first; finished ones leave the index as they are found. */
    List<CoolifyDeployment> active() {
        List<CoolifyDeployment> active = new ArrayList<>();
        for (String uuid : live) {
            CoolifyDeployment row = rows.get(uuid);
            if (row != null && row.active()) {
                active.add(row);
            } else {
                live.remove(uuid);
            }
        }
        active.sort(Comparator.comparingInt(CoolifyDeployment::id));
        return active;
    }

    /** The app's queued or running deploy of HEAD: what the dedupe compares with. */
    @Nullable
    CoolifyDeployment activeFor(SeededApp app) {
        return active().stream()
                .filter(d -> d.app().id().equals(app.id()) && d.commit().equals("HEAD"))
                .findFirst()
                .orElse(null);
    }

    /** The app's rows, newest first as Coolify orders them: {@code created_at} desc (whole seconds), then {@code id}. */
    List<CoolifyDeployment> history(SeededApp app) {
        return rows.values().stream()
                .filter(d -> d.app().id().equals(app.id()))
                .sorted(Comparator.comparing(CoolifyDeployment::createdAt)
                        .thenComparingInt(CoolifyDeployment::id)
                        .reversed())
                .toList();
    }

    /** Coolify's cuid2-style deployment uuid. */
    static String uuid() {
        return Json.randomId(24).toLowerCase(Locale.ROOT);
    }
}
