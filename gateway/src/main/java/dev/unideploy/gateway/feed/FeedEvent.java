package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.security.ApiKeys;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One deployment event as webhooks and {@code /v1/events} carry it (the Standard Webhooks payload shape): {@code
 * {id, type, timestamp, data}}, {@code data} being the normalised Deployment.
 *
 * @param id {@code evt_…}, the same for a deployment and event type wherever and however often it is sent
 */
public record FeedEvent(String id, EventType type, Instant timestamp, JsonNode data) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static FeedEvent of(EventType type, JsonNode deployment, Instant at) {
        String deploymentId = deployment.path("id").asString();
        String id = "evt_" + ApiKeys.sha256(deploymentId + "|" + type.wire()).substring(0, 32);
        return new FeedEvent(id, type, at, deployment);
    }

    /** The deployment's global id. */
    public String deploymentId() {
        return data.path("id").asString();
    }

    /** The provider connection. */
    public String provider() {
        return data.path("provider").asString();
    }

    public String appId() {
        return data.path("appId").asString();
    }

    /** The payload, as sent: one line of JSON. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("type", type.wire());
        node.put("timestamp", timestamp.toString());
        node.set("data", data);
        return JSON.writeValueAsString(node);
    }

    public static FeedEvent fromJson(String json) {
        JsonNode node = JSON.readTree(json);
        return new FeedEvent(
                node.path("id").asString(),
                EventType.fromWire(node.path("type").asString())
                        .orElseThrow(() -> new IllegalArgumentException("not a deployment event")),
                Instant.parse(node.path("timestamp").asString()),
                node.path("data"));
    }
}
