package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Dooor's revisions and their traffic: list them, split traffic between them, promote one to 100%. */
final class DooorTraffic {

    private final DooorClient client;

    DooorTraffic(DooorClient client) {
        this.client = client;
    }

    Mono<List<Revision>> revisions(String appId) {
        return client.revisions(appId).map(node -> {
            if (!node.isArray()) {
                throw new ProviderException.BadResponse("Dooor answered revisions that are not an array", null, null);
            }
            List<Revision> revisions = new ArrayList<>();
            node.forEach(revision -> revisions.add(DooorDeploymentMapping.toRevision(revision)));
            return revisions;
        });
    }

    /** The splits must name a revision each, with 0–100 percent, summing to 100: checked before any call. */
    Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        String invalid = invalidSplits(splits);
        if (invalid != null) {
            return Mono.error(new ProviderException.InvalidRequest(invalid, "splits", null));
        }
        List<DooorJson.Split> wire = splits.stream()
                .map(split -> new DooorJson.Split(split.revision(), split.percent(), split.tag()))
                .toList();
        return client.traffic(appId, new DooorJson.Traffic(wire)).map(node -> {
            List<DooorJson.Split> answered =
                    DooorJson.read(node, DooorJson.TrafficAnswer.class).splits();
            if (answered == null) {
                return List.copyOf(splits);
            }
            return answered.stream()
                    .map(split -> new TrafficSplit(
                            split.revisionName() == null ? "" : split.revisionName(),
                            split.percent() == null ? 0 : split.percent(),
                            split.tag()))
                    .toList();
        });
    }

    static @Nullable String invalidSplits(List<TrafficSplit> splits) {
        if (splits.isEmpty()) {
            return "traffic needs at least one split";
        }
        int sum = 0;
        for (TrafficSplit split : splits) {
            if (split.revision() == null || split.revision().isBlank()) {
                return "every split names a revision";
            }
            if (split.percent() < 0 || split.percent() > 100) {
                return "a split's percent is 0 to 100, not " + split.percent();
            }
            sum += split.percent();
        }
        return sum == 100 ? null : "the splits' percentages must sum to 100, not " + sum;
    }

    /**
     * Dooor promotes revisions, not environments: this sends 100% of the app's traffic to the deployment's
     * revision ({@code POST …/revisions/{revisionName}/promote}) and answers the deployment, now live. No new
     * deployment is made, so its kind is unchanged; {@code environment} and {@code strategy} are not used.
     */
    Mono<Deployment> promote(String deploymentId) {
        return client.getDeployment(deploymentId).flatMap(node -> {
            String revision = DooorDeploymentMapping.revisionName(node);
            if (revision == null) {
                return Mono.error(new ProviderException.Conflict(
                        "Dooor deployment " + deploymentId + " has no revision to promote yet", null));
            }
            return client.promoteRevision(revision)
                    .map(answer -> DooorDeploymentMapping.toDeployment(node).toBuilder()
                            .live(true)
                            .build());
        });
    }

    static boolean servesTraffic(JsonNode revisions, String revisionName) {
        for (JsonNode revision : revisions) {
            if (revisionName.equals(revision.path("revisionName").asString(""))) {
                return revision.path("trafficPercent").asInt(0) > 0;
            }
        }
        return false;
    }
}
