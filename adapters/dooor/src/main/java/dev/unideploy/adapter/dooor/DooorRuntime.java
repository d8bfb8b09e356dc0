package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** What runs of a Dooor app: its Kubernetes runtime status, and its replicas. */
final class DooorRuntime {

    static final int MAX_REPLICAS = 10;

    private final DooorClient client;

    DooorRuntime(DooorClient client) {
        this.client = client;
    }

    /** Dooor's Kubernetes runtime status; conditions read {@code Type=Status} (plus the message, if any). */
    Mono<RuntimeHealth> health(String deploymentId) {
        return client.runtimeStatus(deploymentId).map(node -> {
            DooorJson.RuntimeStatus status = DooorJson.read(node, DooorJson.RuntimeStatus.class);
            List<String> conditions = new ArrayList<>();
            if (status.conditions() != null) {
                for (DooorJson.Condition condition : status.conditions()) {
                    conditions.add(condition.type() + "=" + condition.status()
                            + (condition.message() == null ? "" : ": " + condition.message()));
                }
            }
            return new RuntimeHealth(
                    status.ready() == null ? 0 : status.ready(),
                    status.total() == null ? 0 : status.total(),
                    status.phase(),
                    conditions);
        });
    }

    /** {@code replicas} 0–10, checked before any call (Dooor's own range; an HPA may override it later). */
    Mono<ScaleResult> scale(String appId, int replicas) {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            return Mono.error(new ProviderException.InvalidRequest(
                    "replicas must be between 0 and " + MAX_REPLICAS + " on Dooor", "replicas", null));
        }
        return client.scale(new DooorJson.Scale(appId, replicas)).map(node -> {
            DooorJson.ScaleAnswer answer = DooorJson.read(node, DooorJson.ScaleAnswer.class);
            return new ScaleResult(
                    appId,
                    answer.requestedReplicas() == null ? replicas : answer.requestedReplicas(),
                    answer.currentReplicas(),
                    answer.status());
        });
    }
}
