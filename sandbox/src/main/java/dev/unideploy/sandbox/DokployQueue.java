package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Dokploy's in-memory deployment queue (v0.29.9+): first in, first out, and one build at a time across every
 * application (the local build concurrency is 1). A job waits until the build before it ends; then its row is created
 * and it builds for {@link DokployBuild#STEPS} steps. {@code cleanQueues} drops waiting jobs only; a removed row's
 * build still ends when it would have (the worker does not notice). The state is computed from the clock, lazily.
 */
final class DokployQueue {

    /** {@code removeLastTenDeployments}: before a new row is created, rows beyond the ten newest are deleted. */
    static final int KEPT_ROWS = 11;

    /** A job and, once the worker picked it up, when: fixed from then on, whatever is dropped or removed later. */
    private static final class Slot {
        final DokployJob job;

        @Nullable
        Instant start;

        boolean rowRemoved;

        Slot(DokployJob job) {
            this.job = job;
        }
    }

    private final Duration step;
    private final List<Slot> slots = new ArrayList<>();
    private int sequence;

    DokployQueue(Duration step) {
        this.step = step;
    }

    synchronized DokployJob add(
            DokployApp app,
            boolean fails,
            boolean redeploy,
            @Nullable String title,
            @Nullable String description,
            Instant queuedAt) {
        DokployJob job = DokployJob.of(++sequence, app, fails, redeploy, title, description, queuedAt);
        slots.add(new Slot(job));
        return job;
    }

    /** Every job's build at {@code now}, in queue order. */
    synchronized List<DokployBuild> builds(Instant now) {
        List<DokployBuild> builds = new ArrayList<>();
        Instant free = Instant.MIN;
        for (Slot slot : slots) {
            Instant start = slot.start;
            if (start == null) {
                Instant candidate = slot.job.queuedAt().isAfter(free) ? slot.job.queuedAt() : free;
                if (!candidate.isAfter(now)) {
                    slot.start = candidate;
                }
                start = candidate;
            }
            DokployBuild build = new DokployBuild(slot.job, start, step);
            builds.add(build);
            free = build.end().isAfter(free) ? build.end() : free;
        }
        return builds;
    }

    /** The jobs {@code deployment.queueList} shows: waiting and active ones. */
    synchronized List<DokployBuild> queued(Instant now) {
        return builds(now).stream()
                .filter(build -> build.waiting(now) || build.active(now))
                .toList();
    }

    /** The application's rows, newest first; the oldest beyond {@link #KEPT_ROWS} are deleted on the way. */
    synchronized List<DokployBuild> rows(String applicationId, Instant now) {
        List<DokployBuild> rows = builds(now).stream()
                .filter(build -> !build.waiting(now)
                        && build.job().app().applicationId().equals(applicationId)
                        && !removed(build.job()))
                .sorted(Comparator.comparing(DokployBuild::start)
                        .thenComparingInt(build -> build.job().sequence())
                        .reversed())
                .toList();
        rows.stream().skip(KEPT_ROWS).forEach(old -> remove(old.job().deploymentId()));
        return rows.stream().limit(KEPT_ROWS).toList();
    }

    /** The row with this id, if it exists (created, not removed). */
    synchronized Optional<DokployBuild> row(String deploymentId, Instant now) {
        return builds(now).stream()
                .filter(build ->
                        build.job().deploymentId().equals(deploymentId) && !build.waiting(now) && !removed(build.job()))
                .findFirst();
    }

    /** {@code cleanQueues}: drops every waiting job of the application; answers how many. */
    synchronized int dropWaiting(String applicationId, Instant now) {
        List<DokployBuild> builds = builds(now);
        List<DokployJob> dropped = builds.stream()
                .filter(build ->
                        build.waiting(now) && build.job().app().applicationId().equals(applicationId))
                .map(DokployBuild::job)
                .toList();
        slots.removeIf(slot -> dropped.contains(slot.job));
        return dropped.size();
    }

    /** {@code removeDeployment}: the row is gone; a build still running goes on in the worker. */
    synchronized void remove(String deploymentId) {
        slots.stream()
                .filter(slot -> slot.job.deploymentId().equals(deploymentId))
                .forEach(slot -> slot.rowRemoved = true);
        // forget what can no longer matter: removed rows whose builds have ended (every start up to now is fixed
        // first, so that no later build moves)
        Instant now = Instant.now();
        builds(now);
        slots.removeIf(slot -> slot.rowRemoved
                && slot.start != null
                && !new DokployBuild(slot.job, slot.start, step).end().isAfter(now));
    }

    private boolean removed(DokployJob job) {
        return slots.stream().anyMatch(slot -> slot.job.equals(job) && slot.rowRemoved);
    }
}
