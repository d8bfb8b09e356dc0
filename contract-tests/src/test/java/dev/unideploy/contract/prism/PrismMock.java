package dev.unideploy.contract.prism;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A mock server generated from a provider's published OpenAPI spec by Prism ({@code prism mock --errors}): every
 * request is validated against the spec, and one the spec rejects is answered with an error and logged as a
 * violation. The log is what the contract tests read.
 */
final class PrismMock implements AutoCloseable {

    /** Where {@code .ci/run} installs the pinned Prism (npm, a private prefix). */
    static final String CI_INSTALL = "unideploy-prism/node_modules/.bin/prism";

    private final Process process;
    private final Path log;
    private final int port;

    private PrismMock(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Prism as configured ({@code PRISM}), installed by {@code .ci/run}, or on the {@code PATH}. */
    static Optional<String> executable() {
        String configured = System.getenv("PRISM");
        if (configured != null && new File(configured).canExecute()) {
            return Optional.of(configured);
        }
        File ci = new File(System.getProperty("java.io.tmpdir"), CI_INSTALL);
        if (ci.canExecute()) {
            return Optional.of(ci.getAbsolutePath());
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, "prism"))
                .filter(File::canExecute)
                .map(File::getAbsolutePath)
                .findFirst();
    }

    /** The published spec beside the checkout ({@code ../shared/provider-specs/<provider>.json}). */
    static Optional<Path> spec(String provider) {
        String shared = System.getProperty("unideploy.shared.dir", "../../shared");
        Path spec = Path.of(shared, "provider-specs", provider + ".json");
        return Files.isRegularFile(spec) ? Optional.of(spec) : Optional.empty();
    }

    /** Starts Prism on a free loopback port and waits until it listens. */
    static PrismMock start(String prism, Path spec, Duration startup) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Files.createTempFile("prism-" + spec.getFileName(), ".log");
        Process process = new ProcessBuilder(List.of(
                        prism,
                        "mock",
                        "--errors",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        spec.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrismMock mock = new PrismMock(process, log, port);
        long deadline = System.nanoTime() + startup.toNanos();
        while (!mock.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = mock.output();
                mock.close();
                throw new IllegalStateException("Prism did not start on " + spec + ":\n" + output);
            }
            Thread.sleep(200);
        }
        return mock;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests Prism received. */
    long requests() {
        return output().lines()
                .filter(line -> line.contains("[HTTP SERVER]") && line.contains("Request received"))
                .count();
    }

    /**
     * Prism's complaints about requests: each a request the published spec rejects. Dokploy's log WebSocket
     * ({@code /listen-deployment}) is a real endpoint outside its OpenAPI document (not a tRPC route): not one.
     */
    List<String> violations() {
        return output().lines()
                .filter(line -> line.contains("Violation: request")
                        || line.contains("did not pass the validation rules")
                        || line.contains("Request terminated with error"))
                .filter(line -> !line.contains("/listen-deployment"))
                .toList();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
