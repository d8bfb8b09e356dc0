package dev.unideploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The baseline upstream: nginx (Debian's {@code nginx-light}) serving fixed provider answers as static files on a
 * free loopback port, started and stopped by the benchmark. It is about as fast as an HTTP server gets on this
 * machine, so "gateway / nginx" says how close the gateway comes to the physical limit.
 */
final class Nginx implements AutoCloseable {

    final int port;
    private final Path root;
    private final Process process;

    /**
     * Serves each {@code files} entry (URL path → body) as {@code application/json}; one worker per core, keep-alive
     * without limit, no access log.
     */
    private Nginx(Path executable, Map<String, String> files) {
        this.port = GatewayProcess.freePort();
        try {
            this.root = Files.createTempDirectory("unideploy-bench-nginx");
            Files.createDirectories(root.resolve("logs"));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve("html" + file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            // started by root, nginx's workers run as an unprivileged user: they must be able to read the files
            try (var paths = Files.walk(root)) {
                for (Path path : paths.toList()) {
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            Path conf = root.resolve("nginx.conf");
            Files.writeString(conf, """
                    worker_processes auto;
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log warn;
                    events { worker_connections 4096; }
                    http {
                      access_log off;
                      default_type application/json;
                      keepalive_requests 10000000;
                      server { listen 127.0.0.1:%2$d; root %1$s/html; }
                    }
                    """.formatted(root, port));
            this.process = new ProcessBuilder(executable.toString(), "-p", root.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("logs/stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening();
    }

    /** nginx from {@code NGINX}, else on the {@code PATH} or in sbin; empty when not installed. */
    static Optional<Path> find() {
        return Executables.find("NGINX", "nginx");
    }

    static Nginx start(Path executable, Map<String, String> files) {
        return new Nginx(executable, files);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited; see " + root.resolve("logs"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + "; see " + root.resolve("logs"));
    }

    /** TERM is nginx's fast shutdown; its workers go with the master. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
