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
 * Finds what a trigger, rollback, promote or scale did when its answer was lost. Dooor takes no correlation value: a
 * trigger's deployment is the app's first one created since the request went out ({@code createdAt}) from the source
 * asked for; a rollback's, the first since then naming the target in {@code rolledBackFrom}. A promote makes no
 * deployment (it moves all traffic to the target's revision), so it is found by reading the revisions: done once the
 * target's revision has 100%. A scale is read back from the app's {@code replicas}.
 */
final class DooorOutcomes {

    /** Deployments read per app: far more than are made in the few seconds a lost answer spans. */
    private static final int PAGE = 50;

    private final ProviderAdapter adapter;
    private final DooorClient client;

    DooorOutcomes(ProviderAdapter adapter, DooorClient client) {
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
                    .map(DooorDeploymentMapping::toDeployment)
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
            Deployment deployment = DooorDeploymentMapping.toDeployment(node);
            String revision = DooorDeploymentMapping.revisionName(node);
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

    /** The app's {@code replicas}, as {@code POST …/deploy/scale} sets them; empty when the app does not say. */
    Mono<Integer> replicas(String appId) {
        return adapter.listApps()
                .flatMap(apps -> Mono.justOrEmpty(
                        apps.stream().filter(app -> app.id().equals(appId)).findFirst()))
                .flatMap(app -> {
                    JsonNode replicas = app.raw() == null ? null : app.raw().path("replicas");
                    return replicas != null && replicas.isNumber() ? Mono.just(replicas.asInt()) : Mono.empty();
                });
    }

    private Mono<Deployment> firstSince(String appId, Instant sentAt, Predicate<Deployment> matches) {
        return adapter.listDeployments(appId, null, PAGE)
                .flatMap(page -> Mono.justOrEmpty(Creation.firstSince(page.items(), sentAt, matches)));
    }
}
