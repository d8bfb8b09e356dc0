package dev.unideploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor under (e)'s read-through and passthrough targets: the least any proxy built on this stack can do. Reactor
 * Netty — the server under WebFlux and Spring Cloud Gateway — answers every request with the body of one call through
 * a pooled Reactor Netty client (the gateway's provider transport) to nginx: no authentication, parsing, mapping,
 * filters or limits. Its ratio to nginx direct, measured in the same rounds, is the ceiling for a gateway on this stack
 * and this machine. Runs as its own JVM ({@code -Xmx256m}, like the gateway), so its CPU is measured alone.
 */
final class BareProxy implements AutoCloseable {

    final int port;
    private final ChildJvm jvm;

    private BareProxy(String upstream) {
        this.port = GatewayProcess.freePort();
        List<String> command = new ArrayList<>(List.of("-Xmx256m"));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            // the benchmark's executable jar: its launcher finds the nested libraries for another main class
            command.addAll(List.of(
                    "-Dloader.main=" + BareProxy.class.getName(),
                    "-cp",
                    classPath,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", classPath, BareProxy.class.getName()));
        }
        command.addAll(List.of(Integer.toString(port), upstream));
        this.jvm = ChildJvm.start("bare-proxy", command);
    }

    /** Starts the proxy of {@code upstream} (scheme, host and port) and waits until it answers {@code probePath}. */
    static BareProxy start(String upstream, String probePath, Http http) throws InterruptedException {
        BareProxy proxy = new BareProxy(upstream);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (http.status(proxy.url() + probePath) != 200) {
            if (!proxy.jvm.process().isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IllegalStateException("the bare proxy did not start");
            }
            Thread.sleep(20);
        }
        return proxy;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long cpuNanos() {
        return jvm.cpuNanos();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.stop();
    }

    /** {@code PORT UPSTREAM}: serves every path from the same path on {@code UPSTREAM} until killed. */
    public static void main(String[] args) throws InterruptedException {
        ConnectionProvider pool = ConnectionProvider.builder("bare")
                .maxConnections(1024)
                .maxIdleTime(Duration.ofSeconds(4))
                .build();
        HttpClient client = HttpClient.create(pool).baseUrl(args[1]);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .sendByteArray(
                                client.get().uri(request.uri()).responseSingle((answer, body) -> body.asByteArray())))
                .bindNow();
        server.onDispose().block();
    }
}
