package dev.unideploy.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, in a process of its own, for tests. Where it is not installed
 * the test is skipped with a message saying so, except under CI ({@code CI} set), where it fails: {@code .ci/run}
 * installs it. {@code REDIS_SERVER} names another binary.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(port);
    }

    /** A server on {@code port}: e.g. one that comes back where a stopped one was. */
    public static LocalRedis start(int port) throws IOException, InterruptedException {
        String binary = Optional.ofNullable(System.getenv("REDIS_SERVER")).orElse("redis-server");
        Optional<Path> found = onPath(binary);
        if (found.isEmpty()) {
            String missing = "redis-server is not installed (apt-get install redis-server, or set REDIS_SERVER)";
            if (System.getenv("CI") != null) {
                Assertions.fail(missing + ": CI must run the Redis tests");
            }
            System.out.println("WARNING Redis tests SKIPPED: " + missing);
            Assumptions.abort(missing + ": Redis tests skipped");
        }
        Path log = Files.createTempFile("redis-" + port, ".log");
        Process process = new ProcessBuilder(
                        found.get().toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalRedis redis = new LocalRedis(process, port);
        redis.awaitListening(Duration.ofSeconds(15), log);
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitListening(Duration timeout, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not listen on " + port + " within " + timeout);
    }

    private static Optional<Path> onPath(String binary) {
        if (binary.contains(File.separator)) {
            return Optional.of(Path.of(binary)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
