package dev.unideploy.sdks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One external command (npm, pip, go, a test runner) run in a directory with extra environment variables and a time
 * limit; its output goes to this JVM's stdout (so to the Maven log), each line prefixed with a label.
 */
record Command(String label, Path directory, List<String> argv, Map<String, String> environment, Duration timeout) {

    /** Whether {@code argv} runs and exits 0 within 30 s: the check that a language's toolchain is installed. */
    static boolean succeeds(String... argv) {
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false; // not on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the command to its end and answers its exit code; a command over its time limit is killed and fails. */
    int run() throws InterruptedException {
        System.out.printf("[%s] $ %s   (in %s)%n", label, String.join(" ", argv), directory);
        long started = System.nanoTime();
        ProcessBuilder builder =
                new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        Thread pump = new Thread(() -> copyOutput(process), label + "-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(label + ": " + argv + " did not finish within " + timeout + "; killed");
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "[%s] exit %d after %d.%01d s%n",
                label, process.exitValue(), took.toSeconds(), took.toMillisPart() / 100);
        return process.exitValue();
    }

    private void copyOutput(Process process) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> System.out.println("[" + label + "] " + line));
        } catch (IOException | UncheckedIOException e) {
            System.out.println("[" + label + "] (output lost: " + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return label + ": " + String.join(" ", argv);
    }
}
