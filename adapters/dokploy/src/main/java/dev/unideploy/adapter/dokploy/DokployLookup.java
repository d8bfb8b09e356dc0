package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.adapter.dokploy.DokployMemory.Anchor;
import dev.unideploy.spi.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Finds Dokploy deployments, which have no get-one: a row of {@code deployment.all}, or before its row exists a job
 * of {@code deployment.queueList}. A triggered id is found by what was remembered, else by the title the gateway
 * sent while Dokploy still shows it (and then remembered), else by its trigger instant: Dokploy builds an
 * application's deployments one at a time in the order they were queued, so its row is the first one created after
 * the trigger (skipping those of the jobs that waited ahead of it) that no other id claimed.
 */
final class DokployLookup {

    /** Oldest first: Dokploy creates an application's rows in the order it builds them. */
    private static final Comparator<JsonNode> CREATED = Comparator.comparing((JsonNode row) ->
                    Optional.ofNullable(DokployView.createdAt(row)).orElse(Instant.EPOCH))
            .thenComparing(row -> String.valueOf(DokployJson.text(row, "deploymentId")));

    private final DokployClient client;
    private final DokployMemory memory;
    private final DokploySeal seal;

    DokployLookup(DokployClient client, DokployMemory memory, DokploySeal seal) {
        this.client = client;
        this.memory = memory;
        this.seal = seal;
    }

    /** The application's rows and jobs, read together. */
    Mono<DokployView> view(String applicationId) {
        return Mono.zip(client.deployments(applicationId), queue())
                .map(both -> DokployView.of(applicationId, both.getT1(), both.getT2()));
    }

    /** queueList arrived in v0.28.3; older Dokploy simply has no visible queue. */
    Mono<JsonNode> queue() {
        return client.queue()
                .onErrorResume(
                        ProviderException.NotFound.class, old -> Mono.just(DokployJson.MAPPER.createArrayNode()));
    }

    /** The application's rows only, for ids that need no queue. */
    private Mono<DokployView> rows(String applicationId) {
        return client.deployments(applicationId)
                .map(rows -> DokployView.of(applicationId, rows, DokployJson.MAPPER.createArrayNode()));
    }

    /** The deployment {@code id} names, or not found. */
    Mono<Found> resolve(DokployId id) {
        if (id instanceof DokployTriggeredId triggered) {
            return memory.rowOf(triggered)
                    .flatMap(remembered -> DokployMemory.dropped(remembered)
                            ? Mono.<Found>error(notFound(id))
                            : rows(id.applicationId())
                                    .flatMap(view -> Mono.justOrEmpty(view.rowById(remembered)))
                                    .map(row -> DokployDeploymentMapping.fromRow(row, triggered))
                                    .switchIfEmpty(Mono.error(notFound(id))))
                    .switchIfEmpty(Mono.defer(
                            () -> view(id.applicationId()).flatMap(view -> correlate(view, triggered, true))));
        }
        DokployRowId row = (DokployRowId) id;
        return rows(row.applicationId())
                .flatMap(view -> Mono.justOrEmpty(view.rowById(row.deploymentId())))
                .switchIfEmpty(Mono.error(notFound(id)))
                .flatMap(node -> memory.claims(List.of(row.deploymentId()))
                        .map(claims -> DokployDeploymentMapping.fromRow(node, canonical(row, claims))));
    }

    /** The id a row is served by: the triggered id that claimed it (by row id in {@code claims}), else its own. */
    static DokployId canonical(DokployRowId row, Map<String, String> claims) {
        String claimed = claims.get(row.deploymentId());
        if (claimed != null) {
            try {
                DokployId id = DokployId.parse(claimed);
                if (id.applicationId().equals(row.applicationId())) {
                    return id;
                }
            } catch (ProviderException.NotFound unreadable) {
                // not an id of ours: keep the row's own
            }
        }
        return row;
    }

    /**
     * By title while Dokploy shows it (remembered at once), else — Dokploy just renamed the row, or the job left the
     * queue between our reads — once more, then by trigger instant.
     */
    private Mono<Found> correlate(DokployView view, DokployTriggeredId id, boolean again) {
        Optional<JsonNode> row = view.rowTitled(id.title());
        if (row.isPresent()) {
            String rowId = String.valueOf(DokployJson.text(row.get(), "deploymentId"));
            return memory.proven(id, rowId).thenReturn(DokployDeploymentMapping.fromRow(row.get(), id));
        }
        Optional<JsonNode> job = view.jobTitled(id.title());
        if (job.isPresent()) {
            return Mono.just(DokployDeploymentMapping.fromJob(job.get(), id));
        }
        return again
                ? view(id.applicationId()).flatMap(second -> correlate(second, id, false))
                : byTriggerInstant(view, id);
    }

    /**
     * The first row created at or after the anchor, past those of the jobs that waited ahead, carrying no other id's
     * title and claimed by no other id. When the anchor is the gateway's clock, which may run ahead of Dokploy's, rows
     * created up to {@link DokployMemory#CLOCK_SKEW} before it come next, nearest first. Only sealed ids claim: an id a
     * client made up finds nothing.
     */
    private Mono<Found> byTriggerInstant(DokployView view, DokployTriggeredId id) {
        if (!seal.verifies(id)) {
            return Mono.error(notFound(id));
        }
        return memory.anchor(id).flatMap((Anchor anchor) -> {
            List<JsonNode> candidates = new ArrayList<>(createdBetween(view, anchor.since(), Instant.MAX).stream()
                    .sorted(CREATED)
                    .skip(anchor.ahead())
                    .toList());
            if (!anchor.exact()) {
                candidates.addAll(
                        createdBetween(view, anchor.since().minus(DokployMemory.CLOCK_SKEW), anchor.since()).stream()
                                .sorted(CREATED.reversed())
                                .toList());
            }
            List<String> ids = candidates.stream()
                    .filter(row -> DokployId.fromTitle(id.applicationId(), DokployJson.text(row, "title")) == null)
                    .map(row -> String.valueOf(DokployJson.text(row, "deploymentId")))
                    .toList();
            return memory.claims(ids)
                    .flatMapMany(claims -> Flux.fromIterable(ids)
                            .filter(rowId -> !claims.containsKey(rowId)
                                    || claims.get(rowId).equals(id.toString())))
                    .concatMap(rowId -> memory.claim(id, rowId), 1)
                    .next()
                    .flatMap(rowId -> Mono.justOrEmpty(view.rowById(rowId)))
                    .map(row -> DokployDeploymentMapping.fromRow(row, id))
                    .switchIfEmpty(Mono.error(notFound(id)));
        });
    }

    /** The rows created at or after {@code from} and before {@code to}. */
    private static List<JsonNode> createdBetween(DokployView view, Instant from, Instant to) {
        return view.rows().stream()
                .filter(row -> {
                    Instant created = DokployView.createdAt(row);
                    return created != null && !created.isBefore(from) && created.isBefore(to);
                })
                .toList();
    }

    /**
     * Right after {@code application.deploy}: the job (or, were Dokploy quick, the row) titled for {@code id},
     * remembering where the job stood in the queue; empty when Dokploy shows neither yet. Never claims by instant.
     */
    Mono<Found> triggered(DokployTriggeredId id) {
        return view(id.applicationId()).flatMap(view -> {
            Optional<JsonNode> job = view.jobTitled(id.title());
            Mono<Void> remembered = job.map(node -> {
                        DokployJson.Job mine = DokployView.job(node);
                        return mine.timestamp() == null
                                ? Mono.<Void>empty()
                                : memory.queued(id, mine.timestamp(), view.waitingAhead(mine));
                    })
                    .orElse(Mono.empty());
            Optional<JsonNode> row = view.rowTitled(id.title());
            if (row.isPresent()) {
                String rowId = String.valueOf(DokployJson.text(row.get(), "deploymentId"));
                return remembered
                        .then(memory.proven(id, rowId))
                        .thenReturn(DokployDeploymentMapping.fromRow(row.get(), id));
            }
            return remembered.then(Mono.justOrEmpty(job.map(node -> DokployDeploymentMapping.fromJob(node, id))));
        });
    }

    /**
     * The deployment a trigger sent with {@code correlationId} made, if it can be found: by its title (whatever
     * trigger instant it carries), else by the first free row created since {@code notBefore}. For callers that never
     * saw the trigger's answer (a timed-out trigger being reconciled).
     */
    Mono<Found> findByCorrelation(String applicationId, String correlationId, Instant notBefore) {
        return view(applicationId).flatMap(view -> {
            Optional<DokployTriggeredId> titled = titled(view, correlationId);
            DokployTriggeredId id = titled.orElseGet(() -> seal.issue(applicationId, notBefore, correlationId));
            return resolve(id);
        });
    }

    private static Optional<DokployTriggeredId> titled(DokployView view, String correlationId) {
        List<@Nullable String> titles = new ArrayList<>();
        view.rows().forEach(row -> titles.add(DokployJson.text(row, "title")));
        view.jobs().forEach(job -> {
            DokployJson.JobData data = DokployView.job(job).data();
            titles.add(data == null ? null : data.titleLog());
        });
        return titles.stream()
                .map(title -> DokployId.fromTitle(view.applicationId(), title))
                .filter(id -> id != null && id.correlationId().equals(correlationId))
                .findFirst();
    }

    static ProviderException notFound(DokployId id) {
        return new ProviderException.NotFound("Dokploy has no deployment " + id, null);
    }
}
