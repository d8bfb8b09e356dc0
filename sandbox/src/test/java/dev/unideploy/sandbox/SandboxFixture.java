package dev.unideploy.sandbox;

import java.time.Duration;

/** One sandbox on free ports with a 50 ms step, shared by the simulator tests of a JVM. */
final class SandboxFixture {

    static final Duration STEP = Duration.ofMillis(50);

    private static Sandbox sandbox;

    private SandboxFixture() {}

    static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.start(SandboxOptions.ephemeral(STEP));
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }
}
