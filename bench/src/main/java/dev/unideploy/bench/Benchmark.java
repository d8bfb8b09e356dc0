package dev.unideploy.bench;

import dev.unideploy.bench.Report.Table;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the scenarios against gateways it starts, prints the tables and writes them to {@code bench/target/RESULTS.md}
 * — or, when asked with {@code -Dbench.out=bench/RESULTS.md}, over the tracked results (keeping their hand-written
 * analysis).
 *
 * <p>Options are system properties: {@code bench.gatewayJar} (default {@code gateway/target/…jar}), {@code bench.out},
 * {@code bench.warmup} and {@code bench.measure} (seconds per side, default 3 and 8), {@code bench.rounds} (alternating
 * rounds the measured time is cut into, default 4), {@code bench.streams} (default 10000), {@code bench.hold} (seconds
 * the streams stay open, default 15), {@code bench.only} (which scenarios, default {@code abcdef}),
 * {@code bench.baselineWarmup} (at most, seconds per path in (e): each warms up until its throughput settles, default
 * 180) and {@code bench.baselineMeasure} (seconds per path in (e), default 12),
 * {@code bench.starts} (starts per variant in (f), default 5), {@code bench.gatewayJvmArgs} (extra JVM options for
 * the gateway, e.g. a flight recording).
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Optional.ofNullable(System.getProperty("bench.gatewayJar"))
                .map(Path::of)
                .or(GatewayProcess::defaultJar)
                .orElseThrow(() -> new IllegalStateException("no gateway jar: build it with `./mvnw -pl gateway"
                        + " -am package -DskipTests`, or pass -Dbench.gatewayJar=…"));
        Path target = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "target") : Path.of("target");
        Files.createDirectories(target);
        Path out = Path.of(
                System.getProperty("bench.out", target.resolve("RESULTS.md").toString()));
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 3));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 8));
        String only = System.getProperty("bench.only", "abcdef");
        List<String> jvmArgs = System.getProperty("bench.gatewayJvmArgs", "").isBlank()
                ? List.of()
                : List.of(System.getProperty("bench.gatewayJvmArgs").trim().split("\\s+"));
        int rounds = Integer.getInteger("bench.rounds", 4);
        int streams = Integer.getInteger("bench.streams", 10_000);
        Duration hold = Duration.ofSeconds(Long.getLong("bench.hold", 15));
        Duration step = Duration.ofSeconds(60);
        Duration pollInterval = Duration.ofSeconds(1);
        long heapLimit = 256L * 1024 * 1024;

        long began = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Table> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Http http = new Http(Scenarios.TOKEN);
        String[] coolifyJson = null;
        if (only.matches(".*[abcde].*")) {
            try (GatewayProcess gateway = new GatewayProcess(jar, "256m", jvmArgs, step, pollInterval)) {
                System.out.println("gateway pid " + gateway.pid() + " on " + gateway.url() + ", log " + gateway.log);
                gateway.awaitHealthy(http, Duration.ofMinutes(10));
                Simulators simulators = new Simulators(gateway.simulatorPorts);
                Scenarios scenarios = new Scenarios(gateway, simulators, http, warmUp, measure, rounds);
                if (only.contains("a")) {
                    tables.add(print(scenarios.cacheHit(32)));
                }
                if (only.contains("b")) {
                    tables.add(print(scenarios.coalescing(200)));
                }
                if (only.contains("c")) {
                    tables.add(print(scenarios.fanOut(16, 100)));
                }
                if (only.contains("d")) {
                    tables.add(print(new EventStreams(gateway, simulators, http, pollInterval)
                            .run(scenarios, streams, hold, Duration.ofSeconds(8), heapLimit)));
                }
                if (only.contains("e")) {
                    coolifyJson = new String[] {
                        coolifyJson(http, simulators, scenarios.finishedDeployment(), Baseline.DONE),
                        coolifyJson(http, simulators, scenarios.trigger("coolify:cool-web"), Baseline.RUNNING)
                    };
                }
            }
        }
        if (coolifyJson != null) {
            Optional<Path> nginx = Nginx.find();
            Optional<Wrk> wrk = Wrk.find();
            if (nginx.isPresent() && wrk.isPresent()) {
                Baseline baseline = new Baseline(
                        nginx.get(),
                        wrk.get(),
                        jar,
                        jvmArgs,
                        Duration.ofSeconds(Long.getLong("bench.baselineWarmup", 180)),
                        Duration.ofSeconds(Long.getLong("bench.baselineMeasure", 12)),
                        rounds,
                        32);
                tables.add(print(baseline.run(coolifyJson[0], coolifyJson[1])));
            } else {
                String why = "(e) SKIPPED: " + (nginx.isEmpty() ? "nginx (apt-get install nginx-light) " : "")
                        + (wrk.isEmpty() ? "wrk (apt-get install wrk) " : "") + "not installed";
                System.out.println("WARNING " + why);
                skipped.add(why);
            }
        }
        if (only.contains("f")) {
            tables.add(print(new Startup(jar, target, Integer.getInteger("bench.starts", 5)).run()));
        }
        List<String> environment = new ArrayList<>(List.of(
                "run: "
                        + ZonedDateTime.now(ZoneOffset.UTC)
                                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                                .substring(0, 19)
                        + " UTC, " + Math.round((System.nanoTime() - began) / 1e9) + " s",
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; "
                        + Runtime.getRuntime().availableProcessors() + " cores; "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                String.format(
                        Locale.ROOT,
                        "machine load average (1 min) at start / end: %.1f / %.1f (shared machine: other work ran too)",
                        loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                "gateway: `" + jar.getFileName() + "` as its own JVM, `-Xmx256m`; (a)–(d) in sandbox mode (the five"
                        + " simulators in the same JVM), simulator step 60 s, event poll interval 1 s, load generator"
                        + " (Reactor Netty, HdrHistogram) in a second JVM; (e) against nginx with wrk; all on this"
                        + " machine",
                "direct = the provider simulator (a)–(d) or nginx (e) called directly; ratios are gateway / direct,"
                        + " measured in this run"));
        environment.addAll(skipped);
        String markdown = Report.markdown("Benchmark results", environment, tables);
        Files.writeString(out, markdown + keptAnalysis(out));
        System.out.println(markdown);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    /** The Coolify simulator's own JSON of a deployment, with its uuid replaced by {@code as}. */
    private static String coolifyJson(Http http, Simulators simulators, String uuid, String as) {
        String json = http.get(simulators.root("coolify") + Scenarios.COOLIFY_API + "/deployments/" + uuid)
                .toString();
        return json.replace(uuid, as);
    }

    /** The hand-written analysis below {@link #ANALYSIS} in the previous results, kept across reruns. */
    static final String ANALYSIS = "<!-- analysis: written by hand, kept by reruns -->";

    private static String keptAnalysis(Path out) throws java.io.IOException {
        if (!Files.isRegularFile(out)) {
            return "";
        }
        String previous = Files.readString(out);
        int at = previous.indexOf(ANALYSIS);
        return at < 0 ? "" : "\n" + previous.substring(at);
    }

    private static Table print(Table table) {
        System.out.println(table.title() + (table.met() ? ": target met" : ": TARGET MISSED"));
        return table;
    }
}
