package dev.unideploy.sandbox;

import java.util.List;

/** The five provider simulators, started together. Closing stops them all. */
public final class Sandbox implements AutoCloseable {

    private final List<SimulatedProvider> providers;

    private Sandbox(List<SimulatedProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Starts all five simulators on loopback. */
    public static Sandbox start(SandboxOptions options) {
        throw new UnsupportedOperationException("simulators are being built (issue 3)");
    }

    /** coolify, dokploy, zectre, dooor, mist — in that order. */
    public List<SimulatedProvider> providers() {
        return providers;
    }

    public SimulatedProvider provider(String type) {
        return providers.stream()
                .filter(provider -> provider.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulator of type " + type));
    }

    @Override
    public void close() {
        providers.forEach(provider -> provider.server().stop());
    }
}
