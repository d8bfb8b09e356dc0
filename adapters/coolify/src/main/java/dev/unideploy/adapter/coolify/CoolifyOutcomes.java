package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.ProviderAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Finds the queue row a deploy or rollback made when its answer was lost. Coolify takes no correlation value, so
 * the row is the app's first one queued since the request went out, of the right kind: a deploy makes a row with
 * {@code rollback: false}, a rollback one with {@code rollback: true} and the target's {@code commit}. A deploy that
 * Coolify deduplicated (the commit was already queued) made no row: nothing is found, which is the truth.
 */
final class CoolifyOutcomes {

    /** Rows read per app: far more than can be queued in the few seconds a lost answer spans. */
    private static final int ROWS = 20;

    private final CoolifyClient client;

    CoolifyOutcomes(CoolifyClient client) {
        this.client = client;
    }

    Mono<Deployment> find(Creation creation, Instant sentAt) {
        if (creation instanceof Creation.Trigger trigger) {
            String app = trigger.request().appId();
            return firstSince(app, sentAt, deployment -> !isRollback(deployment));
        }
        if (creation instanceof Creation.Rollback rollback) {
            return client.deployment(rollback.deploymentId()).flatMap(node -> {
                CoolifyJson.Row target = CoolifyJson.read(node, CoolifyJson.Row.class);
                String app = CoolifyDeploymentMapping.appUuidOf(target);
                if (app == null || target.commit() == null) {
                    return Mono.empty();
                }
                return firstSince(
                                app,
                                sentAt,
                                deployment -> isRollback(deployment)
                                        && target.commit()
                                                .equals(deployment.source().commitSha()))
                        .map(creation::asAnswered);
            });
        }
        return ProviderAdapter.unsupported(Capability.PROMOTE);
    }

    private Mono<Deployment> firstSince(String app, Instant sentAt, Predicate<Deployment> matches) {
        return client.deploymentsOf(app, 0, ROWS).flatMap(page -> {
            JsonNode rows = page.isArray() ? page : page.path("deployments");
            List<Deployment> newestFirst = new ArrayList<>();
            rows.forEach(row -> newestFirst.add(CoolifyDeploymentMapping.toDeployment(row, app)));
            return Mono.justOrEmpty(Creation.firstSince(newestFirst, sentAt, matches));
        });
    }

    private static boolean isRollback(Deployment deployment) {
        return deployment.kind() == Kind.ROLLBACK;
    }
}
