package dev.unideploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM the benchmark starts beside itself (a gateway, the bare proxy), its output in a log file of its own. */
record ChildJvm(Process process, Path log) {

    /** Starts this JDK's {@code java} with {@code arguments}; {@code name} names the log file. */
    static ChildJvm start(String name, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(arguments);
        try {
            Path log = Files.createTempFile("unideploy-bench-" + name, ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code java} of the JDK running the benchmark. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** CPU time the JVM has used so far (all threads); 0 where the OS won't say. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Stops the JVM, forcibly when it has not ended 15 s after being asked to. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
