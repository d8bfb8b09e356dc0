package dev.unideploy.adapter.mist;

import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderAdapter;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.StreamSupport;
import reactor.core.publisher.Mono;

/**
 * Finds the deployment a {@code POST /deployments} made when its answer was lost. Mist takes no correlation value,
 * and its deployment ids are random; but every row carries {@code deployment_number}, a per-app sequence. The
 * deployment is the app's row with the lowest number among those created since the request went out: the first
 * deploy of the app after ours can only have a higher one (see {@link Creation#madeBy}).
 */
final class MistOutcomes {

    private final MistClient client;

    MistOutcomes(MistClient client) {
        this.client = client;
    }

    Mono<Deployment> find(Creation creation, Instant sentAt) {
        if (!(creation instanceof Creation.Trigger trigger)) {
            // Mist has no rollback or promote: the gateway never sends them.
            return ProviderAdapter.unsupported(
                    creation instanceof Creation.Rollback ? Capability.ROLLBACK : Capability.PROMOTE);
        }
        return Mono.defer(() -> {
            long app = MistId.parseApp(trigger.request().appId());
            return client.deploymentsOf(app)
                    .flatMap(rows -> Mono.justOrEmpty(Creation.madeBy(
                            sentAt,
                            StreamSupport.stream(rows.spliterator(), false).toList(),
                            row -> MistJson.instant(MistJson.text(row, "created_at")),
                            Comparator.comparingLong(
                                    row -> row.path("deployment_number").asLong(Long.MAX_VALUE)))))
                    .map(row -> MistDeploymentMapping.toDeployment(row, app));
        });
    }
}
