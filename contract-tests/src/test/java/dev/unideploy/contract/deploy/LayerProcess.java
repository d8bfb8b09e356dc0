package dev.unideploy.contract.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A command of the image — its entrypoint, or one a Compose service overrides it with — run from the image's
 * extracted layers with this JVM's {@code java}: {@code /app/…} paths, in the arguments and in {@code
 * /app/jib-classpath-file}, point into the extracted root instead. Output goes to a log file.
 */
final class LayerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LayerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LayerProcess start(Path root, List<String> entrypoint, String name, String... args) throws IOException {
        Path classpath = root.resolve("jib-classpath-file." + name);
        String entries =
                Files.readString(root.resolve("app/jib-classpath-file")).strip();
        Files.writeString(
                classpath,
                Arrays.stream(entries.split(":"))
                        .map(entry -> onHost(root, entry))
                        .collect(Collectors.joining(":")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; the code run is the image's all the same
        for (String arg : entrypoint.subList(1, entrypoint.size())) {
            command.add(arg.equals("@/app/jib-classpath-file") ? "@" + classpath : onHost(root, arg));
        }
        command.addAll(List.of(args));
        Path log = root.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new LayerProcess(process, log);
    }

    private static String onHost(Path root, String path) {
        return path.startsWith("/app/") ? root.resolve(path.substring(1)).toString() : path;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the condition holds; fails with the log's end if the process exits or time runs out. */
    void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = log();
                throw new AssertionError("not " + what + " within " + timeout + (process.isAlive() ? "" : " (exited)")
                        + "; log ends:\n" + output.substring(Math.max(0, output.length() - 4000)));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
