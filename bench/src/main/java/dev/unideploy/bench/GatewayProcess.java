package dev.unideploy.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway in sandbox mode as its own JVM ({@code -Xmx256m}, so the heap target is a real bound), on free ports,
 * with its output in a log file. Its five simulators run inside it, as they do in sandbox mode.
 */
final class GatewayProcess implements AutoCloseable {

    final int port;
    final Map<String, Integer> simulatorPorts = new LinkedHashMap<>();
    final Path log;
    private final ChildJvm jvm;
    private final long started = System.nanoTime();

    /** The gateway in sandbox mode: its five simulators inside it, on free ports. */
    GatewayProcess(Path jar, String heap, List<String> jvmArgs, Duration step, Duration pollInterval) {
        this(
                jar,
                heap,
                jvmArgs,
                List.of(
                        "--unideploy.sandbox.step=" + step.toMillis() + "ms",
                        "--unideploy.events.poll-interval=" + pollInterval.toMillis() + "ms"),
                true);
    }

    /** The gateway with {@code properties} ({@code --key=value}): real provider connections, no sandbox. */
    static GatewayProcess configured(Path jar, String heap, List<String> jvmArgs, List<String> properties) {
        return new GatewayProcess(jar, heap, jvmArgs, properties, false);
    }

    private GatewayProcess(Path jar, String heap, List<String> jvmArgs, List<String> properties, boolean sandbox) {
        this.port = freePort();
        if (sandbox) {
            for (String type : Simulators.TYPES) {
                simulatorPorts.put(type, freePort());
            }
        }
        List<String> command = new ArrayList<>(List.of("-Xmx" + heap));
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--management.endpoints.web.exposure.include=health,prometheus,metrics",
                "--logging.level.root=warn"));
        command.addAll(properties);
        simulatorPorts.forEach((type, simulator) -> command.add("--unideploy.sandbox.ports." + type + "=" + simulator));
        this.jvm = ChildJvm.start("gateway", command);
        this.log = jvm.log();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return jvm.process().pid();
    }

    /**
     * Waits until {@code /actuator/health} answers 200 (UP, or DEGRADED for a provider that does not answer; a 503 is
     * a gateway that is down or not ready), or fails with the gateway's log; returns the time from starting the JVM to
     * that answer (polled every 20 ms).
     */
    Duration awaitHealthy(Http http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.process().isAlive()) {
                throw new IllegalStateException("the gateway exited; see " + log);
            }
            int status = http.status(url() + "/actuator/health");
            if (status == 200) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the gateway did not become healthy within " + timeout + "; see " + log);
    }

    /** CPU time the gateway JVM has used so far (all threads, its simulators included); 0 where the OS won't say. */
    long cpuNanos() {
        return jvm.cpuNanos();
    }

    /** Asks the gateway JVM for a full GC through {@code jcmd}, when the JDK has it; false otherwise. */
    boolean fullGc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!jcmd.toFile().canExecute()) {
            return false;
        }
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return gc.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The default jar location when run from the repository root, or next to the bench module. */
    static Optional<Path> defaultJar() {
        String name = "unideploy-gateway-0.1.0-SNAPSHOT.jar";
        for (String dir : List.of("gateway/target", "../gateway/target")) {
            File candidate = new File(dir, name);
            if (candidate.isFile()) {
                return Optional.of(candidate.toPath().toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.stop();
    }
}
