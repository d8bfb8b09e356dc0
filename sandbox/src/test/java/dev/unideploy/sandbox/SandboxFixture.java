package dev.unideploy.sandbox;

import java.time.Duration;

/** One sandbox on free ports with a 50 ms step, shared by the simulator tests of a JVM. */
final class SandboxFixture {

    static final Duration STEP = Duration.ofMillis(50);

    private static Sandbox sandbox;
    private static Sandbox slow;

    private SandboxFixture() {}

    static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.start(SandboxOptions.ephemeral(STEP));
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }

    /** A second sandbox whose deployments take seconds per state: for cancel, stop and in-progress checks. */
    static synchronized Sandbox slow() {
        if (slow == null) {
            slow = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(5)));
            Runtime.getRuntime().addShutdownHook(new Thread(slow::close));
        }
        return slow;
    }
}
