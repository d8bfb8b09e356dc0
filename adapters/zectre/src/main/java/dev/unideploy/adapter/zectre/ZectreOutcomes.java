package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.ProviderAdapter;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What a write did when its answer was lost. The deployment a create, git trigger, promote or (emulated) rollback
 * made: Zectre
 * takes no correlation value and does not record what made a deployment, so it is the app's first deployment
 * created since the request went out ({@code created_at}) that fits: in the environment asked for, running the image
 * or artifact asked for; for a rollback, the target's environment and image or artifact; for a promote, the target
 * environment.
 */
final class ZectreOutcomes {

    /** Deployments read per app: far more than are made in the few seconds a lost answer spans. */
    private static final int PAGE = 50;

    private final ProviderAdapter adapter;

    ZectreOutcomes(ProviderAdapter adapter) {
        this.adapter = adapter;
    }

    Mono<Deployment> find(Creation creation, Instant sentAt) {
        if (creation instanceof Creation.Trigger trigger) {
            String artifact = trigger.request().source().artifactId();
            return firstSince(
                    trigger.request().appId(),
                    sentAt,
                    deployment -> creation.couldHaveMade(deployment)
                            && (artifact == null
                                    || artifact.equals(deployment.source().artifactId())));
        }
        String targetId = creation instanceof Creation.Rollback rollback
                ? rollback.deploymentId()
                : ((Creation.Promote) creation).deploymentId();
        return adapter.getDeployment(targetId).flatMap(target -> {
            if (creation instanceof Creation.Promote promote) {
                return firstSince(
                                target.appId(),
                                sentAt,
                                deployment -> !deployment.id().equals(targetId)
                                        && Objects.equals(promote.request().environment(), deployment.environment()))
                        .map(creation::asAnswered);
            }
            return firstSince(
                            target.appId(),
                            sentAt,
                            deployment -> !deployment.id().equals(targetId)
                                    && Objects.equals(target.environment(), deployment.environment())
                                    && Objects.equals(
                                            target.source().image(),
                                            deployment.source().image())
                                    && Objects.equals(
                                            target.source().artifactId(),
                                            deployment.source().artifactId()))
                    .map(found -> found.toBuilder()
                            .kind(Kind.ROLLBACK)
                            .rollbackOf(targetId)
                            .emulated(true)
                            .build());
        });
    }

    /**
     * The replicas of the app's live deployment (the one {@link ZectreReleases#scale} patches): its {@code
     * spec.replicas}. Empty when the app has no live deployment or its spec does not say.
     */
    Mono<Integer> replicas(String appId) {
        return adapter.listDeployments(appId, null, PAGE)
                .flatMap(page -> Mono.justOrEmpty(ZectreReleases.liveDeployment(page.items())))
                .flatMap(live -> {
                    JsonNode replicas =
                            live.raw() == null ? null : live.raw().path("spec").path("replicas");
                    return replicas != null && replicas.isNumber() ? Mono.just(replicas.asInt()) : Mono.empty();
                });
    }

    private Mono<Deployment> firstSince(String appId, Instant sentAt, Predicate<Deployment> matches) {
        return adapter.listDeployments(appId, null, PAGE)
                .flatMap(page -> Mono.justOrEmpty(Creation.firstSince(page.items(), sentAt, matches)));
    }
}
