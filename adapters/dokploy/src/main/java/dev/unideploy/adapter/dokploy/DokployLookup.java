package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Finds Dokploy deployments, which have no get-one and no paging: a deployment is a row of {@code deployment.all}
 * (by id, or by the title we sent) or, before a worker picks it up, a job of {@code deployment.queueList}.
 */
final class DokployLookup {

    private final DokployClient client;

    DokployLookup(DokployClient client) {
        this.client = client;
    }

    /** The rows (our queued jobs first), paged here; the token is an offset. */
    Mono<DeploymentPage> page(String appId, @Nullable String pageToken, int limit) {
        return Mono.defer(() -> {
            DokployId.checkApp(appId);
            int offset = offset(pageToken, limit);
            return Mono.zip(client.deployments(appId), queue()).map(both -> {
                List<Deployment> all = new ArrayList<>();
                Set<String> ids = new HashSet<>();
                List<Deployment> rows = new ArrayList<>();
                for (JsonNode row : both.getT1()) {
                    Deployment deployment =
                            DokployDeploymentMapping.fromRow(row, appId).deployment();
                    rows.add(deployment);
                    ids.add(deployment.id());
                }
                for (JsonNode job : both.getT2()) {
                    DokployId id = DokployDeploymentMapping.jobId(job, appId);
                    if (id != null && ids.add(id.toString())) {
                        all.add(DokployDeploymentMapping.fromJob(job, id).deployment());
                    }
                }
                all.sort(DokployLookup::compareNewestFirst);
                all.addAll(rows);
                int end = Math.min(all.size(), offset + limit);
                List<Deployment> items = offset >= all.size() ? List.of() : all.subList(offset, end);
                return new DeploymentPage(items, end < all.size() ? Integer.toString(end) : null);
            });
        });
    }

    private static int compareNewestFirst(Deployment a, Deployment b) {
        if (a.createdAt() == null || b.createdAt() == null) {
            return 0;
        }
        return b.createdAt().compareTo(a.createdAt());
    }

    static int offset(@Nullable String pageToken, int limit) {
        if (limit < 1 || limit > 100) {
            throw new ProviderException.InvalidRequest("limit must be 1 to 100", "limit", null);
        }
        try {
            int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new ProviderException.InvalidRequest("malformed page token", "cursor", null);
        }
    }

    /** queueList arrived in v0.28.3; older Dokploy simply has no visible queue. */
    Mono<JsonNode> queue() {
        return client.queue()
                .onErrorResume(
                        ProviderException.NotFound.class, old -> Mono.just(DokployJson.MAPPER.createArrayNode()));
    }

    /** A row by id (or by our title), else for a correlated id our queued job; else not found. */
    Mono<Found> resolve(DokployId id) {
        return inRows(id).switchIfEmpty(Mono.defer(() -> {
            if (!id.correlated()) {
                return Mono.error(notFound(id));
            }
            // A job leaves the queue when the worker creates its row: between our two reads it can be in neither,
            // so a job missed in both is looked for once more among the rows.
            return inQueue(id).switchIfEmpty(Mono.defer(() -> inRows(id))).switchIfEmpty(Mono.error(notFound(id)));
        }));
    }

    /**
     * The deployment a deploy sent with our title for its correlation id made, when its answer was lost: the job or
     * row with that title; else — Dokploy overwrites the title with the commit message once the clone succeeds — the
     * app's first row made since {@code sentAt} that carries no other gateway title. Empty when there is neither.
     * Rollback and promote are not supported here, so never sent.
     */
    Mono<Found> created(Creation creation, Instant sentAt) {
        if (!(creation instanceof Creation.Trigger trigger)) {
            return Mono.error(new ProviderException.Unsupported(
                    creation instanceof Creation.Rollback ? Capability.ROLLBACK : Capability.PROMOTE));
        }
        String applicationId = trigger.request().appId();
        return Mono.defer(() -> {
            DokployId.checkApp(applicationId);
            return resolve(DokployId.correlated(applicationId, trigger.request().correlationId()))
                    .onErrorResume(ProviderException.NotFound.class, none -> Mono.empty())
                    .switchIfEmpty(Mono.defer(() -> renamedSince(applicationId, sentAt)));
        });
    }

    private Mono<Found> renamedSince(String applicationId, Instant sentAt) {
        return client.deployments(applicationId).flatMap(rows -> {
            List<Found> renamed = new ArrayList<>();
            for (JsonNode node : rows) {
                String title = DokployJson.text(node, "title");
                if (title == null || !DokployId.isGatewayTitle(title)) {
                    renamed.add(DokployDeploymentMapping.fromRow(node, applicationId));
                }
            }
            return Mono.justOrEmpty(Creation.firstSince(
                            renamed.stream().map(Found::deployment).toList(), sentAt, any -> true)
                    .flatMap(first -> renamed.stream()
                            .filter(found -> found.deployment() == first)
                            .findFirst()));
        });
    }

    private Mono<Found> inRows(DokployId id) {
        return client.deployments(id.applicationId()).flatMap(rows -> {
            for (JsonNode node : rows) {
                String match =
                        id.correlated() ? DokployJson.text(node, "title") : DokployJson.text(node, "deploymentId");
                if ((id.correlated() ? id.title() : id.deploymentId()).equals(match)) {
                    return Mono.just(DokployDeploymentMapping.fromRow(node, id.applicationId()));
                }
            }
            return Mono.empty();
        });
    }

    private Mono<Found> inQueue(DokployId id) {
        return queue().flatMap(jobs -> {
            for (JsonNode job : jobs) {
                if (id.equals(DokployDeploymentMapping.jobId(job, id.applicationId()))) {
                    return Mono.just(DokployDeploymentMapping.fromJob(job, id));
                }
            }
            return Mono.empty();
        });
    }

    private static ProviderException notFound(DokployId id) {
        return new ProviderException.NotFound("Dokploy has no deployment " + id, null);
    }
}
