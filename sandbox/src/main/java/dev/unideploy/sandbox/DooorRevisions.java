package dev.unideploy.sandbox;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Dooor revisions (one per succeeded build) and the traffic they serve: the newest ready revision takes 100%
 * unless a split or promotion was set after it became ready.
 */
final class DooorRevisions {

    private final Map<String, DooorTraffic> traffic = new ConcurrentHashMap<>();
    private final Supplier<Collection<DooorDeployment>> deployments;

    DooorRevisions(Supplier<Collection<DooorDeployment>> deployments) {
        this.deployments = deployments;
    }

    /** Succeeded deployments' revisions, newest first, with the traffic each one serves. */
    List<Map<String, @Nullable Object>> rows(SeededApp app) {
        List<DooorDeployment> ready = deployments.get().stream()
                .filter(d -> d.app().id().equals(app.id()) && d.status().equals("succeeded"))
                .sorted(Comparator.comparing(DooorDeployment::finishedAt).reversed())
                .toList();
        Map<String, Map<String, @Nullable Object>> rows = new LinkedHashMap<>();
        DooorTraffic split = traffic.get(app.id());
        Instant newest = ready.isEmpty() ? Instant.EPOCH : ready.get(0).finishedAt();
        boolean explicit = split != null && !newest.isAfter(split.setAt());
        for (DooorDeployment d : ready) {
            if (rows.containsKey(d.revisionName())) {
                continue; // a rollback re-uses its target's revision
            }
            int percent = explicit
                    ? split.percents().getOrDefault(d.revisionName(), 0)
                    : (d.revisionName().equals(ready.get(0).revisionName()) ? 100 : 0);
            rows.put(
                    d.revisionName(),
                    Json.obj(
                            "revisionName", d.revisionName(),
                            "imageRef", d.imageRef(),
                            "trafficPercent", percent,
                            "createdAt", Json.iso(d.finishedAt())));
        }
        return List.copyOf(rows.values());
    }

    /** {@code splits[].revisionName}, or {@code revisionId} as the official MCP client sends it; sum must be 100. */
    Reply split(SeededApp app, Call call) {
        JsonNode splits = call.body() == null ? null : call.body().get("splits");
        if (splits == null || !splits.isArray() || splits.isEmpty()) {
            return DooorErrors.invalid("splits must be a non-empty array");
        }
        List<String> known = rows(app).stream()
                .map(row -> String.valueOf(row.get("revisionName")))
                .toList();
        Map<String, Integer> percents = new LinkedHashMap<>();
        for (JsonNode entry : splits) {
            JsonNode name = entry.has("revisionName") ? entry.get("revisionName") : entry.get("revisionId");
            JsonNode percent = entry.get("percent");
            if (name == null || percent == null || !percent.isIntegralNumber()) {
                return DooorErrors.invalid("each split needs revisionName and an integer percent");
            }
            if (!known.contains(name.asString())) {
                return DooorErrors.of(404, "Revision " + name.asString() + " not found");
            }
            percents.merge(name.asString(), percent.asInt(), Integer::sum);
        }
        if (percents.values().stream().mapToInt(Integer::intValue).sum() != 100) {
            return DooorErrors.of(400, "Traffic percentages must sum to 100");
        }
        traffic.put(app.id(), new DooorTraffic(percents, Instant.now()));
        return Reply.json(201, Json.obj("appId", app.id(), "revisions", rows(app)));
    }

    Reply promote(List<SeededApp> apps, String revisionName) {
        for (SeededApp app : apps) {
            boolean owns = rows(app).stream().anyMatch(row -> revisionName.equals(row.get("revisionName")));
            if (owns) {
                traffic.put(app.id(), new DooorTraffic(Map.of(revisionName, 100), Instant.now()));
                return Reply.json(
                        201, Json.obj("appId", app.id(), "revisionName", revisionName, "trafficPercent", 100));
            }
        }
        return DooorErrors.of(404, "Revision " + revisionName + " not found");
    }
}
