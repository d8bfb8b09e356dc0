package dev.unideploy.bench;

import dev.unideploy.bench.Report.Row;
import dev.unideploy.bench.Report.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * (e) The physical limit: the same Coolify deployment JSON from nginx directly, and through a gateway whose one
 * connection ({@code nginx}, type coolify) points at that nginx — a finished deployment answered from the cache, an
 * in-progress one read through to nginx and normalised on every request (coalescing window 0), the passthrough route
 * (plain Spring Cloud Gateway proxying), a conditional read answered 304, and the floor: a bare Reactor Netty proxy. wrk drives every path with the same
 * connections, in alternating rounds; the gateway's JVM CPU is measured per path.
 */
final class Baseline {

    static final String DONE = "done0benchmark0finished0";
    static final String RUNNING = "run00benchmark0progress";
    private static final String KEY = "bench-key";

    /**
     * One measured path: a name, its URL, its request headers, the throughput it must reach as a share of nginx direct
     * (0: none), and the JVM that serves it with its CPU clock.
     */
    /** A path's warm-up, and its rounds' samples and CPU time added up. */
    private record Measured(Duration warmed, Sample sample, long cpuNanos) {
        Measured plus(Sample round, long roundCpuNanos) {
            return new Measured(warmed, sample.plus(round), cpuNanos + roundCpuNanos);
        }
    }

    private record Target(
            String name, String url, List<String> headers, double target, String server, LongSupplier cpu) {}

    private final Path nginxExecutable;
    private final Wrk wrk;
    private final Path jar;
    private final List<String> jvmArgs;
    private final Duration warmUp;
    private final Duration measure;
    private final int rounds;

    private static final Duration WARM_SLICE = Duration.ofSeconds(5);
    private static final Duration SETTLE_SPAN = Duration.ofSeconds(30);
    private final int connections;

    Baseline(
            Path nginxExecutable,
            Wrk wrk,
            Path jar,
            List<String> jvmArgs,
            Duration warmUp,
            Duration measure,
            int rounds,
            int connections) {
        this.nginxExecutable = nginxExecutable;
        this.wrk = wrk;
        this.jar = jar;
        this.jvmArgs = jvmArgs;
        this.warmUp = warmUp;
        this.measure = measure;
        this.rounds = rounds;
        this.connections = connections;
    }

    /** {@code finished} and {@code inProgress}: the Coolify simulator's JSON of such deployments, served as files. */
    Table run(String finished, String inProgress) throws Exception {
        Map<String, String> files = Map.of(
                "/api/v1/deployments/" + DONE, finished,
                "/api/v1/deployments/" + RUNNING, inProgress);
        Http http = new Http(KEY);
        try (Nginx nginx = Nginx.start(nginxExecutable, files);
                GatewayProcess gateway = GatewayProcess.configured(
                        jar,
                        "256m",
                        jvmArgs,
                        List.of(
                                "--unideploy.providers.nginx.type=coolify",
                                "--unideploy.providers.nginx.base-url=" + nginx.url("/api/v1"),
                                "--unideploy.providers.nginx.token=bench",
                                "--unideploy.clients.bench.key-sha256=" + sha256(KEY),
                                "--unideploy.clients.bench.scopes=admin",
                                "--unideploy.resilience.coalesce-window=0s"));
                BareProxy bare = BareProxy.start(nginx.url(""), "/api/v1/deployments/" + RUNNING, http)) {
            Duration startup = gateway.awaitHealthy(http, Duration.ofMinutes(10));
            List<String> bearer = List.of("Authorization: Bearer " + KEY);
            String one = gateway.url() + "/v1/deployments/nginx:" + DONE;
            String etag = http.header(one, "ETag").orElse("\"none\"");
            LongSupplier gatewayCpu = gateway::cpuNanos;
            List<Target> paths = List.of(
                    new Target("nginx direct", nginx.url("/api/v1/deployments/" + DONE), bearer, 0, "", () -> 0),
                    new Target("finished deployment from cache", one, bearer, 0.5, "gateway-JVM", gatewayCpu),
                    new Target(
                            "the same, If-None-Match → 304",
                            one,
                            List.of(bearer.get(0), "If-None-Match: " + etag),
                            0,
                            "gateway-JVM",
                            gatewayCpu),
                    new Target(
                            "in progress, read through (cache off)",
                            gateway.url() + "/v1/deployments/nginx:" + RUNNING,
                            bearer,
                            0.3,
                            "gateway-JVM",
                            gatewayCpu),
                    new Target(
                            "passthrough route",
                            gateway.url() + "/v1/providers/nginx/passthrough/deployments/" + DONE,
                            bearer,
                            0.3,
                            "gateway-JVM",
                            gatewayCpu),
                    new Target(
                            "floor: bare Reactor Netty proxy, no gateway work",
                            bare.url() + "/api/v1/deployments/" + RUNNING,
                            bearer,
                            0,
                            "proxy-JVM",
                            bare::cpuNanos));
            Map<Target, Measured> measured = new LinkedHashMap<>();
            for (Target path : paths) {
                Duration warmed = path == paths.get(0) ? warm(path, Duration.ofSeconds(3)) : warm(path, warmUp);
                measured.put(path, new Measured(warmed, Sample.empty(), 0));
            }
            Duration slice = Collections.max(List.of(measure.dividedBy(rounds), Duration.ofSeconds(1)));
            for (int round = 0; round < rounds; round++) {
                for (Target path : paths) {
                    long before = path.cpu().getAsLong();
                    Sample sample = wrk.run(path.url(), connections, slice, path.headers());
                    measured.put(
                            path, measured.get(path).plus(sample, path.cpu().getAsLong() - before));
                }
            }
            return table(paths, measured, startup);
        }
    }

    /**
     * Load on {@code path} in slices of {@link #WARM_SLICE} until its throughput has settled — a slice within 5 % of
     * the slice {@link #SETTLE_SPAN} before it — or {@code limit} has passed. The gateway's JIT compiles for minutes
     * under load on two cores (C2 was still busy after two minutes), and throughput climbs slowly enough that two
     * neighbouring slices can look alike on the way up; a measure of a half-compiled gateway says little about the
     * gateway. Returns how long it took.
     */
    private Duration warm(Target path, Duration limit) throws Exception {
        long started = System.nanoTime();
        int span = (int) (SETTLE_SPAN.toSeconds() / WARM_SLICE.toSeconds());
        List<Double> slices = new ArrayList<>();
        while (Duration.ofNanos(System.nanoTime() - started).plus(WARM_SLICE).compareTo(limit) <= 0) {
            slices.add(
                    wrk.run(path.url(), connections, WARM_SLICE, path.headers()).throughput());
            int last = slices.size() - 1;
            if (last >= span
                    && Math.abs(slices.get(last) - slices.get(last - span)) <= 0.05 * slices.get(last - span)) {
                break;
            }
        }
        return Duration.ofSeconds(Math.round((System.nanoTime() - started) / 1e9));
    }

    private Table table(List<Target> paths, Map<Target, Measured> measured, Duration startup) {
        Sample direct = measured.get(paths.get(0)).sample();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < paths.size(); i++) {
            Target path = paths.get(i);
            Sample through = measured.get(path).sample();
            double ratio = through.throughput() / direct.throughput();
            Row throughput = Row.info(
                    path.name() + ": throughput (req/s)",
                    Report.number(direct.throughput()),
                    Report.number(through.throughput()),
                    Report.ratio(ratio));
            rows.add(
                    path.target() > 0
                            ? throughput.withTarget(
                                    String.format(Locale.ROOT, "≥ %.1f× nginx", path.target()), ratio >= path.target())
                            : throughput);
            Row p99 = Row.info(
                    path.name() + ": p50 / p99 latency (ms)",
                    Report.millis(direct.p50Millis()) + " / " + Report.millis(direct.p99Millis()),
                    Report.millis(through.p50Millis()) + " / " + Report.millis(through.p99Millis()),
                    Report.ratio(through.p99Millis() / direct.p99Millis()));
            rows.add(
                    i == 1
                            ? p99.withTarget("p99 ≤ nginx p99 + 2 ms", through.p99Millis() <= direct.p99Millis() + 2)
                            : p99);
            double micros = measured.get(path).cpuNanos() / 1e3 / Math.max(1, through.ok());
            Row cpuRow = Row.info(
                    path.name() + ": " + path.server() + " CPU per request (µs)",
                    "",
                    String.format(Locale.ROOT, "%.0f", micros),
                    "");
            rows.add(i == 1 ? cpuRow.withTarget("≤ 100 µs", micros <= 100) : cpuRow);
            rows.add(Row.info(
                    path.name() + ": errors", Report.number(direct.errors()), Report.number(through.errors()), ""));
        }
        return new Table(
                "(e) against the physical limit: nginx serving the provider's JSON",
                "nginx (" + connections + " wrk connections, one wrk thread) serves the Coolify simulator's JSON of"
                        + " a finished and of an in-progress deployment as static files; a gateway (its own JVM,"
                        + " `-Xmx256m`, coalescing window 0) has one connection `nginx` of type coolify pointed at"
                        + " it. The floor is a bare Reactor Netty proxy (its own JVM, `-Xmx256m`): the server under"
                        + " WebFlux and Spring Cloud Gateway answering every request with the body of one pooled"
                        + " Reactor Netty client call to nginx, with no authentication, parsing or filters — the"
                        + " most any gateway on this stack could reach here. Each path warmed up until its throughput settled (5 s slices until one is within"
                        + " 5 % of the one 30 s before, at most " + Report.seconds(warmUp) + "; it took "
                        + measured.values().stream()
                                .skip(1)
                                .map(each -> Report.seconds(each.warmed()))
                                .collect(Collectors.joining(", "))
                        + "), then " + rounds
                        + " alternating rounds of " + Report.seconds(measure.dividedBy(rounds)) + " per path."
                        + " Ratios are gateway / nginx direct from this run.",
                rows,
                List.of("this gateway (configured, no sandbox) became healthy "
                        + String.format(Locale.ROOT, "%.1f", startup.toMillis() / 1000.0)
                        + " s after its JVM started; percentiles are rebuilt from 1,000 wrk quantiles per round."),
                "nginx direct");
    }

    static String sha256(String key) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
