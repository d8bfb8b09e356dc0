package dev.unideploy.bench;

import dev.unideploy.bench.Report.Row;
import dev.unideploy.bench.Report.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * (f) Start-up to a healthy sandbox gateway: {@code java -jar} on the executable jar, against the same jar extracted
 * ({@code java -Djarmode=tools -jar … extract}) and started with an AppCDS archive made by one training run
 * ({@code -XX:ArchiveClassesAtExit}, {@code -Dunideploy.training-run=true}: it starts, answers its own health check
 * and exits) — the class data sharing the README
 * documents for a service. Each is started {@code times} times, the two alternating; the median counts.
 */
final class Startup {

    private final Path jar;
    private final Path work;
    private final int times;

    Startup(Path jar, Path work, int times) {
        this.jar = jar;
        this.work = work;
        this.times = times;
    }

    Table run() throws Exception {
        Path extracted = extract();
        Path archive = work.resolve("gateway.jsa");
        train(extracted, archive);
        // alternating, so a machine whose speed drifts treats both alike
        List<Duration> plain = new ArrayList<>();
        List<Duration> cds = new ArrayList<>();
        List<Duration> plainList = new ArrayList<>();
        List<Duration> cdsList = new ArrayList<>();
        Http http = new Http(Scenarios.TOKEN);
        for (int i = 0; i < times; i++) {
            Start one = start(jar, List.of(), http);
            plain.add(one.healthy());
            plainList.add(one.firstList());
            one = start(extracted, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), http);
            cds.add(one.healthy());
            cdsList.add(one.firstList());
        }
        double plainMedian = median(plain);
        double cdsMedian = median(cds);
        return new Table(
                "(f) start-up to a healthy sandbox gateway",
                "JVM start to the first answer of `/actuator/health` (polled every 20 ms), sandbox mode (five"
                        + " simulators started in the JVM), `-Xmx256m`, " + times + " starts each, the two kinds"
                        + " alternating; the executable jar as it is, and extracted with an AppCDS archive.",
                List.of(
                        Row.info("java -jar (s): median (all)", "", seconds(plainMedian) + " (" + all(plain) + ")", ""),
                        Row.info(
                                        "extracted jar + AppCDS archive (s): median (all)",
                                        "",
                                        seconds(cdsMedian) + " (" + all(cds) + ")",
                                        Report.ratio(cdsMedian / plainMedian))
                                .withTarget("≤ 5 s", cdsMedian <= 5.0),
                        Row.info(
                                "java -jar, to the first list of deployments (s): median (all)",
                                "",
                                seconds(median(plainList)) + " (" + all(plainList) + ")",
                                ""),
                        Row.info(
                                "AppCDS, to the first list of deployments (s): median (all)",
                                "",
                                seconds(median(cdsList)) + " (" + all(cdsList) + ")",
                                Report.ratio(median(cdsList) / median(plainList)))),
                List.of(
                        "AppCDS: `java -Djarmode=tools -jar unideploy-gateway-<version>.jar extract --destination"
                                + " DIR`, one training run `java -XX:ArchiveClassesAtExit=gateway.jsa"
                                + " -Dunideploy.training-run=true -jar DIR/unideploy-gateway-<version>.jar` (it starts, answers"
                                + " its own health check and exits), then"
                                + " `-XX:SharedArchiveFile=gateway.jsa` on every start.",
                        "The first list of deployments: JVM start to the first answer of `GET /v1/deployments` (all"
                                + " five providers asked), sent once the gateway is healthy — what start-up left for"
                                + " the first real request."),
                "");
    }

    /** One start: JVM start to healthy, and to the answer of a first list of deployments sent then. */
    private record Start(Duration healthy, Duration firstList) {}

    private static Start start(Path executable, List<String> jvmArgs, Http http) throws Exception {
        try (GatewayProcess gateway =
                new GatewayProcess(executable, "256m", jvmArgs, Duration.ofMillis(1500), Duration.ofSeconds(1))) {
            Duration healthy = gateway.awaitHealthy(http, Duration.ofMinutes(10));
            long asked = System.nanoTime();
            int status = http.status(gateway.url() + "/v1/deployments");
            if (status != 200) {
                throw new IllegalStateException(
                        "the first GET /v1/deployments answered " + status + "; see " + gateway.log);
            }
            return new Start(healthy, healthy.plusNanos(System.nanoTime() - asked));
        }
    }

    private Path extract() throws IOException, InterruptedException {
        Path destination = work.resolve("extracted");
        if (Files.isDirectory(destination)) {
            try (var paths = Files.walk(destination)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        exec(List.of(
                ChildJvm.java(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                destination.toString()));
        return destination.resolve(jar.getFileName());
    }

    private void train(Path extracted, Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        // the training run starts the gateway and its sandbox, asks for its health (every provider probed) and exits,
        // so the archive holds the classes of serving a request too; free ports for its simulators
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.java(),
                "-Xmx256m",
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Dunideploy.training-run=true",
                "-jar",
                extracted.toString(),
                "--server.port=0",
                "--logging.level.root=warn"));
        for (String type : Simulators.TYPES) {
            command.add("--unideploy.sandbox.ports." + type + "=0");
        }
        exec(command);
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static double median(List<Duration> durations) {
        List<Double> seconds =
                durations.stream().map(d -> d.toMillis() / 1000.0).sorted().toList();
        return seconds.get(seconds.size() / 2);
    }

    private static String all(List<Duration> durations) {
        return String.join(
                ", ",
                durations.stream().map(d -> seconds(d.toMillis() / 1000.0)).toList());
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
