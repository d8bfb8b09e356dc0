package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.MemoryPages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * An application's deployments, newest first, paged here (Dokploy has no paging and keeps about ten rows). Each row
 * is listed under the id the gateway serves it by — the triggered id that claimed it or whose title it carries, else
 * its own — and the gateway's queued jobs without a row yet beside them.
 */
final class DokployListing {

    /**
     * Newest first by creation to the millisecond, then by id, both descending: the gateway's merged list orders so.
     * Queued jobs are the newest deployments, but a job's timestamp is when it was queued, earlier than the row of the
     * build it waits for: ordering by time alone keeps the order the merged list relies on.
     */
    static final Comparator<Deployment> NEWEST_FIRST = Comparator.comparingLong(DokployListing::millis)
            .thenComparing(Deployment::id)
            .reversed();

    /** A token is the last item served (its creation millis and id), so none is lost or repeated. */
    private static final MemoryPages.Cursor PAGES = MemoryPages.after(NEWEST_FIRST);

    private final DokployLookup lookup;
    private final DokployMemory memory;

    DokployListing(DokployLookup lookup, DokployMemory memory) {
        this.lookup = lookup;
        this.memory = memory;
    }

    /** The page after {@code pageToken} (the last item served: its creation millis and id), so none is lost or repeated. */
    Mono<DeploymentPage> page(String applicationId, @Nullable String pageToken, int limit) {
        return Mono.defer(() -> {
            DokployId.checkApp(applicationId);
            MemoryPages.check(pageToken, limit, PAGES);
            return lookup.view(applicationId)
                    .flatMap(view -> all(view, memory))
                    .map(items -> slice(items, pageToken, limit));
        });
    }

    /** The {@code limit} items after the token's (all of them from the start when null), and the next token. */
    static DeploymentPage slice(List<Deployment> newestFirst, @Nullable String pageToken, int limit) {
        return MemoryPages.page(newestFirst, pageToken, limit, PAGES);
    }

    /** Every deployment of the view, newest first; the titles it finds are remembered on the way. */
    static Mono<List<Deployment>> all(DokployView view, DokployMemory memory) {
        List<String> rowIds = view.rows().stream()
                .map(row -> String.valueOf(DokployJson.text(row, "deploymentId")))
                .toList();
        return memory.claims(rowIds).flatMap(claims -> {
            List<Deployment> items = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<Mono<Void>> proven = new ArrayList<>();
            for (JsonNode row : view.rows()) {
                DokployRowId own = DokployId.row(view.applicationId(), DokployJson.text(row, "deploymentId"));
                DokployTriggeredId titled = DokployId.fromTitle(view.applicationId(), DokployJson.text(row, "title"));
                DokployId id = DokployLookup.canonical(own, claims);
                if (id == own && titled != null) {
                    id = titled;
                    proven.add(memory.proven(titled, own.deploymentId()));
                }
                if (ids.add(id.toString())) {
                    items.add(DokployDeploymentMapping.fromRow(row, id).deployment());
                }
            }
            for (JsonNode job : view.jobs()) {
                DokployJson.JobData data = DokployView.job(job).data();
                DokployTriggeredId titled =
                        DokployId.fromTitle(view.applicationId(), data == null ? null : data.titleLog());
                // someone else's job has no id that would outlive it: only rows show it, once built
                if (titled != null && ids.add(titled.toString())) {
                    Found found = DokployDeploymentMapping.fromJob(job, titled);
                    items.add(found.deployment());
                }
            }
            items.sort(NEWEST_FIRST);
            return Flux.concat(proven).then(Mono.just(List.copyOf(items)));
        });
    }

    private static long millis(Deployment deployment) {
        return deployment.createdAt() == null ? 0 : deployment.createdAt().toEpochMilli();
    }
}
