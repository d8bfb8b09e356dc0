package dev.unideploy.adapter.dokploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One application as Dokploy shows it at one moment: its deployment rows ({@code deployment.all}) and its jobs in
 * {@code deployment.queueList} (which lists every application's jobs, newest first).
 */
record DokployView(String applicationId, List<JsonNode> rows, List<JsonNode> jobs) {

    /** Oldest first, as Dokploy builds them: a queue job by its timestamp, then its sequence number. */
    static final Comparator<DokployJson.Job> QUEUE_ORDER = Comparator.comparing(
                    (DokployJson.Job job) -> job.timestamp() == null ? 0L : job.timestamp())
            .thenComparingLong(DokployJson.Job::sequence);

    static DokployView of(String applicationId, JsonNode rows, JsonNode queue) {
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode node : queue) {
            DokployJson.Job job = job(node);
            if (job.data() != null && applicationId.equals(job.data().applicationId())) {
                jobs.add(node);
            }
        }
        List<JsonNode> rowList = new ArrayList<>();
        rows.forEach(rowList::add);
        return new DokployView(applicationId, List.copyOf(rowList), List.copyOf(jobs));
    }

    static DokployJson.Row row(JsonNode node) {
        return DokployJson.read(node, DokployJson.Row.class);
    }

    static DokployJson.Job job(JsonNode node) {
        return DokployJson.read(node, DokployJson.Job.class);
    }

    static @Nullable Instant createdAt(JsonNode row) {
        return DokployJson.instant(DokployJson.text(row, "createdAt"));
    }

    Optional<JsonNode> rowById(String deploymentId) {
        return rows.stream()
                .filter(node -> deploymentId.equals(DokployJson.text(node, "deploymentId")))
                .findFirst();
    }

    Optional<JsonNode> rowTitled(String title) {
        return rows.stream()
                .filter(node -> title.equals(DokployJson.text(node, "title")))
                .findFirst();
    }

    Optional<JsonNode> jobTitled(String title) {
        return jobs.stream()
                .filter(node -> {
                    DokployJson.JobData data = job(node).data();
                    return data != null && title.equals(data.titleLog());
                })
                .findFirst();
    }

    /** The waiting jobs of this application other than {@code mine}. */
    List<DokployJson.Job> otherWaiting(DokployJson.Job mine) {
        return jobs.stream()
                .map(DokployView::job)
                .filter(job -> job.waiting() && !job.equals(mine))
                .toList();
    }

    /** How many waiting jobs of this application Dokploy builds before {@code mine}: one row each, before its own. */
    int waitingAhead(DokployJson.Job mine) {
        return (int) otherWaiting(mine).stream()
                .filter(job -> QUEUE_ORDER.compare(job, mine) < 0)
                .count();
    }
}
