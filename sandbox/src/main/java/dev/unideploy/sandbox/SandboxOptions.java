package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How to start the sandbox.
 *
 * @param ports per provider type, the port to listen on (0 picks a free one)
 * @param step how long a simulated deployment stays in each provider state
 * @param bindAddress the address every simulator listens on: loopback by default, {@value #ALL_INTERFACES} when
 *     other machines or containers call the simulators (e.g. one sandbox shared by several gateways)
 */
public record SandboxOptions(Map<String, Integer> ports, Duration step, String bindAddress) {

    public static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("coolify", 9101, "dokploy", 9102, "zectre", 9103, "dooor", 9104, "mist", 9105);

    public static final String LOOPBACK = "127.0.0.1";
    public static final String ALL_INTERFACES = "0.0.0.0";

    private static final Set<String> WILDCARDS = Set.of(ALL_INTERFACES, "::", "0:0:0:0:0:0:0:0");

    public SandboxOptions {
        ports = Map.copyOf(ports);
    }

    /** On loopback, as the gateway's embedded sandbox runs. */
    public SandboxOptions(Map<String, Integer> ports, Duration step) {
        this(ports, step, LOOPBACK);
    }

    /** The documented ports 9101–9105 on loopback, states a second or so apart. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(DEFAULT_PORTS, Duration.ofMillis(1500));
    }

    /** Free ports on loopback and the given step: for tests and benchmarks. */
    public static SandboxOptions ephemeral(Duration step) {
        return new SandboxOptions(Map.of("coolify", 0, "dokploy", 0, "zectre", 0, "dooor", 0, "mist", 0), step);
    }

    /** The same ports and step, listening on {@code address}. */
    public SandboxOptions bindingTo(String address) {
        return new SandboxOptions(ports, step, address);
    }

    /** Whether {@code address} means every interface, where a local client calls loopback. */
    static boolean isWildcard(String address) {
        return WILDCARDS.contains(address);
    }
}
