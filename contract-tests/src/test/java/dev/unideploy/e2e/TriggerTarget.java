package dev.unideploy.e2e;

import java.util.List;
import java.util.Map;

/**
 * Per provider, what a trigger through the gateway deploys in the sandbox and the request it makes of the simulator.
 *
 * @param app the sandbox app (native id)
 * @param path the path of the provider request that makes the deployment
 */
record TriggerTarget(String type, String app, String path) {

    static final List<String> TYPES = List.of("coolify", "dokploy", "zectre", "dooor", "mist");

    private static final Map<String, TriggerTarget> TARGETS = Map.of(
            "coolify", new TriggerTarget("coolify", "cool-web", "/api/v1/deploy"),
            "dokploy", new TriggerTarget("dokploy", "dok-web", "/api/application.deploy"),
            "zectre", new TriggerTarget("zectre", "zec-web", "/api/v1/apps/zec-web/deployments"),
            "dooor", new TriggerTarget("dooor", "door-web", "/api/v1/workspaces/ws_sandbox/deploy"),
            "mist", new TriggerTarget("mist", "1", "/api/deployments"));

    /** The provider types, as a JUnit method source. */
    static java.util.stream.Stream<String> types() {
        return TYPES.stream();
    }

    static TriggerTarget of(String type) {
        return TARGETS.get(type);
    }

    String appId() {
        return type + ":" + app;
    }

    /** The trigger's body: {@code force}, so that Coolify does not fold it into a deployment already queued. */
    Map<String, Object> body() {
        return Map.of("appId", appId(), "force", true);
    }
}
