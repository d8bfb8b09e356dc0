package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.ProviderAdapter;
import java.time.Instant;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Finds what a trigger, rollback or promote did when its answer was lost. Dooor takes no correlation value: a
 * trigger's deployment is the app's first one created since the request went out ({@code createdAt}) from the source
 * asked for; a rollback's, the first since then naming the target in {@code rolledBackFrom}. A promote makes no
 * deployment (it moves all traffic to the target's revision), so it is found by reading the revisions: done once the
 * target's revision has 100%.
 */
final class DooorCreations {

    /** Deployments read per app: far more than are made in the few seconds a lost answer spans. */
    private static final int PAGE = 50;

    private final ProviderAdapter adapter;
    private final DooorClient client;

    DooorCreations(ProviderAdapter adapter, DooorClient client) {
        this.adapter = adapter;
        this.client = client;
    }

    Mono<Deployment> find(Creation creation, Instant sentAt) {
        if (creation instanceof Creation.Trigger trigger) {
            String branch = trigger.request().source().branch();
            return firstSince(
                    trigger.request().appId(),
                    sentAt,
                    deployment -> creation.couldHaveMade(deployment)
                            && (branch == null
                                    || deployment.source().branch() == null
                                    || branch.equals(deployment.source().branch())));
        }
        if (creation instanceof Creation.Rollback rollback) {
            String target = rollback.deploymentId();
            return client.getDeployment(target)
                    .map(DooorDeployments::toDeployment)
                    .flatMap(found -> firstSince(
                            found.appId(),
                            sentAt,
                            deployment -> deployment.kind() == Kind.ROLLBACK
                                    && !deployment.id().equals(target)
                                    && (deployment.rollbackOf() == null || target.equals(deployment.rollbackOf()))))
                    .map(creation::asAnswered);
        }
        return promoted(((Creation.Promote) creation).deploymentId());
    }

    /** The target, live, once its revision has all the app's traffic; empty before. */
    private Mono<Deployment> promoted(String deploymentId) {
        return client.getDeployment(deploymentId).flatMap(node -> {
            Deployment deployment = DooorDeployments.toDeployment(node);
            String revision = DooorDeployments.revisionName(node);
            if (revision == null || deployment.appId().isEmpty()) {
                return Mono.empty();
            }
            return client.revisions(deployment.appId())
                    .filter(revisions -> hasAllTraffic(revisions, revision))
                    .map(all -> deployment.toBuilder().live(true).build());
        });
    }

    private static boolean hasAllTraffic(JsonNode revisions, String revisionName) {
        for (JsonNode revision : revisions) {
            if (revisionName.equals(revision.path("revisionName").asString(""))) {
                return revision.path("trafficPercent").asInt(0) == 100;
            }
        }
        return false;
    }

    private Mono<Deployment> firstSince(String appId, Instant sentAt, Predicate<Deployment> matches) {
        return adapter.listDeployments(appId, null, PAGE)
                .flatMap(page -> Mono.justOrEmpty(Creation.firstSince(page.items(), sentAt, matches)));
    }
}
