package dev.unideploy.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The five provider simulators' WireMock admin APIs: request journal, counts and a global fixed delay. */
final class Simulators {

    /** The provider types, in the order the gateway's sandbox starts them. */
    static final String[] TYPES = {"coolify", "dokploy", "zectre", "dooor", "mist"};

    private final Map<String, Integer> ports;
    private final Http admin = new Http("unused");

    Simulators(Map<String, Integer> ports) {
        this.ports = new LinkedHashMap<>(ports);
    }

    /** The simulator's root, e.g. {@code http://127.0.0.1:9101}. */
    String root(String type) {
        return "http://127.0.0.1:" + ports.get(type);
    }

    void resetJournals() {
        ports.keySet().forEach(type -> admin.delete(root(type) + "/__admin/requests"));
    }

    /** How many requests the simulator journalled with this method and path since its journal was reset. */
    long count(String type, String method, String urlPath) {
        String body = "{\"method\":\"" + method + "\",\"urlPath\":\"" + urlPath + "\"}";
        return admin.post(root(type) + "/__admin/requests/count", body)
                .path("count")
                .asLong();
    }

    /** Every request the simulator journalled since its journal was reset. */
    long countAll(String type) {
        return admin.post(root(type) + "/__admin/requests/count", "{\"method\":\"ANY\",\"urlPattern\":\".*\"}")
                .path("count")
                .asLong();
    }

    /** Delays every answer of every simulator by {@code millis} (0 removes the delay). */
    void fixedDelay(int millis) {
        ports.keySet().forEach(type -> admin.post(root(type) + "/__admin/settings", "{\"fixedDelay\":" + millis + "}"));
    }
}
