package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ScaleResult;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** What Zectre does to releases beyond deploying: promote, scale in place, and rollback (emulated). */
final class ZectreReleases {

    private static final int SCALE_SEARCH_PAGE_SIZE = 100;

    private final ZectreClient client;
    private final Function<String, Mono<Deployment>> getDeployment;
    private final BiFunction<String, Integer, Mono<DeploymentPage>> listDeployments;

    ZectreReleases(
            ZectreClient client,
            Function<String, Mono<Deployment>> getDeployment,
            BiFunction<String, Integer, Mono<DeploymentPage>> listDeployments) {
        this.client = client;
        this.getDeployment = getDeployment;
        this.listDeployments = listDeployments;
    }

    /**
     * Emulated: Zectre has no rollback. A new deployment in the target's environment runs the target's
     * {@code spec.image} (docker) or {@code spec.artifact_id} (tish). A target whose spec names neither (a tish
     * app built from source) is promoted {@code instant} into its own environment instead, which re-uses its
     * artifact. Either way the answer says {@code emulated}, kind rollback, {@code rollbackOf} the target.
     */
    Mono<Deployment> rollback(String deploymentId) {
        return client.getDeployment(deploymentId).flatMap(node -> {
            ZectreJson.WireDeployment target = ZectreJson.read(node, ZectreJson.WireDeployment.class);
            ZectreJson.Spec spec = target.spec();
            String image = spec == null ? null : spec.image();
            String artifactId = spec == null || image != null ? null : spec.artifactId();
            Mono<Deployment> created;
            if ((image != null || artifactId != null) && target.appId() != null) {
                created = client.createDeployment(target.appId(), target.environmentSlug(), image, artifactId)
                        .map(ZectreDeploymentMapping::toDeployment);
            } else if (target.environmentSlug() != null) {
                created = client.promote(deploymentId, new ZectreJson.Promote("instant", target.environmentSlug()))
                        .flatMap(answer -> getDeployment.apply(ZectreJson.createdId(answer)));
            } else {
                return Mono.error(new ProviderException.Conflict(
                        "Zectre deployment " + deploymentId + " names no image, artifact or environment", null));
            }
            return created.map(deployment -> deployment.toBuilder()
                    .kind(Kind.ROLLBACK)
                    .rollbackOf(deploymentId)
                    .emulated(true)
                    .build());
        });
    }

    /** {@code POST /deployments/{id}/promote}: Zectre answers only the new id, so the new deployment is read. */
    Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        String strategy = request.strategy() == null ? "instant" : request.strategy();
        return client.promote(deploymentId, new ZectreJson.Promote(strategy, request.environment()))
                .flatMap(answer -> getDeployment.apply(ZectreJson.createdId(answer)))
                .map(created -> created.toBuilder().kind(Kind.PROMOTE).build());
    }

    /**
     * Patches the replicas of the app's live deployment in place: the newest deployment of the app's first
     * page whose tasks are all ready, else the newest one still {@code running}/{@code succeeded} (e.g. scaled
     * to zero).
     */
    Mono<ScaleResult> scale(String appId, int replicas) {
        if (replicas < 0) {
            return Mono.error(new ProviderException.InvalidRequest("replicas must not be negative", "replicas", null));
        }
        return listDeployments
                .apply(appId, SCALE_SEARCH_PAGE_SIZE)
                .flatMap(page -> Mono.justOrEmpty(liveDeployment(page.items())))
                .switchIfEmpty(Mono.error(() -> new ProviderException.Conflict(
                        "Zectre app " + appId + " has no live deployment to scale", null)))
                .flatMap(live -> client.patch(live.id(), new ZectreJson.ScalePatch(new ZectreJson.Replicas(replicas))))
                .map(answer -> {
                    Integer current =
                            answer.isObject() && answer.path("tasks_ready").isNumber()
                                    ? answer.path("tasks_ready").asInt()
                                    : null;
                    return new ScaleResult(appId, replicas, current, "scaling");
                });
    }

    static @Nullable Deployment liveDeployment(List<Deployment> newestFirst) {
        for (Deployment deployment : newestFirst) {
            if (Boolean.TRUE.equals(deployment.live())) {
                return deployment;
            }
        }
        for (Deployment deployment : newestFirst) {
            if (ZectreStatusMapping.scalable(deployment.lifecycle().providerStatus())) {
                return deployment;
            }
        }
        return null;
    }
}
