package dev.unideploy.sandbox;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The five provider simulators as a process of their own: one sandbox that several gateway instances share (the
 * {@code sandbox} service of {@code docker-compose.yml}). Listens on all interfaces on ports 9101–9105, prints
 * the base URLs and runs until the process is stopped.
 *
 * <p>Arguments: {@code --bind=ADDRESS} (default {@code 0.0.0.0}), {@code --step=MILLIS} (default 1500),
 * {@code --free-ports} (any free ports instead of 9101–9105).
 */
public final class SandboxMain {

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox = start(args, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        Thread.currentThread().join();
    }

    /** Starts the sandbox the arguments describe and prints where each simulator answers. */
    static Sandbox start(String[] args, PrintStream out) {
        SandboxOptions options = SandboxOptions.defaults().bindingTo(SandboxOptions.ALL_INTERFACES);
        for (String arg : args) {
            if (arg.equals("--free-ports")) {
                options = SandboxOptions.ephemeral(options.step()).bindingTo(options.bindAddress());
            } else if (arg.startsWith("--bind=")) {
                options = options.bindingTo(arg.substring("--bind=".length()));
            } else if (arg.startsWith("--step=")) {
                Duration step = Duration.ofMillis(Long.parseLong(arg.substring("--step=".length())));
                options = new SandboxOptions(options.ports(), step, options.bindAddress());
            } else {
                throw new IllegalArgumentException(
                        "unknown argument " + arg + " (use --bind=ADDRESS, --step=MILLIS, --free-ports)");
            }
        }
        Sandbox sandbox = Sandbox.start(options);
        out.println("Unideploy sandbox listening on " + options.bindAddress() + " (credential: sandbox)");
        sandbox.providers().forEach(provider -> out.printf("%-8s %s%n", provider.type(), provider.baseUrl()));
        return sandbox;
    }
}
