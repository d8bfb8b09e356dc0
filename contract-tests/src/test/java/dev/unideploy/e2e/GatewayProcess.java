package dev.unideploy.e2e;

import dev.unideploy.gateway.UnideployApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A gateway instance in a JVM of its own — this test's classpath, {@link UnideployApplication} — so that a test can
 * kill it outright ({@code SIGKILL}, no shutdown hook, no graceful anything) in the middle of a request. Output goes
 * to a log file, shown when it does not start.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts an instance with the given {@code --key=value} settings (a later one for the same key wins; the port is
     * its own) and waits until it answers.
     */
    static GatewayProcess start(List<String> settings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // a setting given twice would reach Spring as "a,b": the later one wins, and the port is this one's
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--spring.main.banner-mode", "off");
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            options.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        options.put("--server.port", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                UnideployApplication.class.getName()));
        options.forEach((name, value) -> command.add(name + "=" + value));
        Path log = Files.createTempFile("gateway-process-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        GatewayProcess gateway = new GatewayProcess(process, log, port);
        try {
            Awaitility.await("the gateway process to answer")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(gateway::answers);
        } catch (RuntimeException notStarted) {
            String output = gateway.log();
            gateway.kill();
            throw new AssertionError(
                    "the gateway process did not start; its log ends:\n"
                            + output.substring(Math.max(0, output.length() - 4000)),
                    notStarted);
        }
        return gateway;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the gateway process exited");
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills the JVM at once ({@code SIGKILL}: nothing of it runs after this) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
