package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** The five provider simulators, started together. Closing stops them all. */
public final class Sandbox implements AutoCloseable {

    private final List<SimulatedProvider> providers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sandbox(List<SimulatedProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** Starts all five simulators on the options' bind address (loopback unless told otherwise). */
    public static Sandbox start(SandboxOptions options) {
        List<ProviderSimulator> simulators = List.of(
                new CoolifySimulator(options.step()),
                new DokploySimulator(options.step()),
                new ZectreSimulator(options.step()),
                new DooorSimulator(options.step()),
                new MistSimulator(options.step()));
        // started side by side: each is a Jetty server of its own, and start-up is mostly waiting on class loading
        List<CompletableFuture<ProviderSimulator>> starting = simulators.stream()
                .map(simulator -> CompletableFuture.supplyAsync(
                        () -> {
                            simulator.start(
                                    options.bindAddress(), options.ports().getOrDefault(simulator.type(), 0));
                            return simulator;
                        },
                        runnable -> new Thread(runnable, "sandbox-start-" + simulator.type()).start()))
                .toList();
        List<SimulatedProvider> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ProviderSimulator> start : starting) {
            try {
                started.add(start.join());
            } catch (CompletionException failed) {
                failure = failure != null
                        ? failure
                        : failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        if (failure != null) {
            started.forEach(provider -> provider.server().stop());
            throw failure;
        }
        return new Sandbox(started);
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

    /**
     * Sets how many deployments may be queued or running on the simulated Coolify server before {@code POST
     * /deploy} answers 429 with {@code Retry-After: 60} (default 25, Coolify's {@code deployment_queue_limit}).
     */
    public void coolifyQueueLimit(int limit) {
        ((CoolifySimulator) provider("coolify")).queueLimit(limit);
    }

    /**
     * How often the simulated Mist pings its log streams; a stream without a frame for a third of that is dropped
     * without a close frame, as Mist's is after ~30 s of quiet (default: Mist's 30 s scaled to the step).
     */
    public void mistStreamPing(Duration pingEvery) {
        ((MistSimulator) provider("mist")).streamPing(pingEvery);
    }

    /**
     * Sets after how long without a request the simulator of {@code type} closes a keep-alive connection (zero: never),
     * for connections accepted from now on. Each starts with its real server's limit: Dokploy 5 s (Node), Coolify 65 s
     * (nginx), Mist never (Go), Zectre and Dooor Jetty's 30 s (their servers are not public).
     */
    public void keepAlive(String type, Duration idle) {
        ((ProviderSimulator) provider(type)).keepAlive(idle);
    }

    /** Stops every simulator; closing again does nothing (the gateway's holder and its early start both close). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        providers.forEach(provider -> provider.server().stop());
    }
}
