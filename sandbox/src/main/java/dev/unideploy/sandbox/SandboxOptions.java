package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * How to start the sandbox.
 *
 * @param ports per provider type, the loopback port to listen on (0 picks a free one)
 * @param step how long a simulated deployment stays in each provider state
 */
public record SandboxOptions(Map<String, Integer> ports, Duration step) {

    public static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("coolify", 9101, "dokploy", 9102, "zectre", 9103, "dooor", 9104, "mist", 9105);

    public SandboxOptions {
        ports = Map.copyOf(ports);
    }

    /** The documented ports 9101–9105, states a second or so apart. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(DEFAULT_PORTS, Duration.ofMillis(1500));
    }

    /** Free ports and the given step: for tests and benchmarks. */
    public static SandboxOptions ephemeral(Duration step) {
        return new SandboxOptions(Map.of("coolify", 0, "dokploy", 0, "zectre", 0, "dooor", 0, "mist", 0), step);
    }
}
