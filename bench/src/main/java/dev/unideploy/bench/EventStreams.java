package dev.unideploy.bench;

import dev.unideploy.bench.Report.Row;
import dev.unideploy.bench.Report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;

/**
 * (d) Many event streams on one in-progress deployment: the gateway should poll the provider once per interval
 * whatever the number of subscribers, within a 256 MB heap. The direct side is what the same clients would do
 * without the gateway: each poll the provider at the gateway's poll interval.
 */
final class EventStreams {

    private static final long MB = 1024 * 1024;

    private final GatewayProcess gateway;
    private final Simulators simulators;
    private final Http admin;
    private final Duration pollInterval;

    EventStreams(GatewayProcess gateway, Simulators simulators, Http admin, Duration pollInterval) {
        this.gateway = gateway;
        this.simulators = simulators;
        this.admin = admin;
        this.pollInterval = pollInterval;
    }

    /** Streams opened per wave; the next wave starts once this one has its first events (or after 10 s). */
    private static final int BATCH = 500;

    private static final int MAX_DIRECT_POLLERS = 1000;

    Table run(Scenarios scenarios, int streams, Duration hold, Duration directPeriod, long heapLimitBytes)
            throws InterruptedException {
        String uuid = scenarios.trigger("coolify:cool-broken");
        String path = Scenarios.COOLIFY_API + "/deployments/" + uuid;

        Sample direct;
        long directCalls;
        // The direct side's calls are counted by the client: 10,000 pollers would fill the simulator's request
        // journal (tens of thousands of entries) and the 256 MB heap it shares with the gateway, so the journal is
        // emptied every second while they poll.
        ScheduledExecutorService journalReset = Executors.newSingleThreadScheduledExecutor();
        // at most 1,000 direct pollers: the simulator shares the gateway's 256 MB JVM, and 10,000 clients polling
        // WireMock directly exhaust that heap (measured: OutOfMemoryError) before the gateway side is measured
        int pollers = Math.min(streams, MAX_DIRECT_POLLERS);
        try (Load load = new Load("d-direct", pollers + 16, Scenarios::bearer)) {
            simulators.resetJournals();
            journalReset.scheduleAtFixedRate(simulators::resetJournals, 1, 1, TimeUnit.SECONDS);
            direct = load.paced(simulators.root("coolify") + path, pollers, pollInterval, directPeriod);
            directCalls = direct.ok() + direct.errors();
        } finally {
            journalReset.shutdownNow();
        }

        simulators.resetJournals();
        gateway.fullGc();
        double idleHeap = heapUsed();

        Histogram firstEvent = new ConcurrentHistogram(Duration.ofMinutes(1).toNanos() / 1000, 3);
        AtomicLong open = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong statusEvents = new AtomicLong();
        List<Disposable> subscriptions = new ArrayList<>();
        double peakHeap = idleHeap;
        double liveHeap;
        long gatewayCalls;
        long allCalls;
        double heldSeconds;
        double openSeconds;
        double joined;
        try (Load load = new Load("d-gateway", streams + 16, headers -> {
            Scenarios.bearer(headers);
            headers.set("Accept", "text/event-stream");
        })) {
            String url = gateway.url() + "/v1/deployments/coolify:" + uuid + "/events";
            long opening = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                if (i > 0 && i % BATCH == 0) {
                    // clients arrive in waves, as real ones do: a burst of 10,000 connects overflows the accept
                    // queue of any server on one machine and measures the kernel's SYN retries, not the gateway
                    long waveDeadline =
                            System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (open.get() + failed.get() < i && System.nanoTime() < waveDeadline) {
                        Thread.sleep(20);
                    }
                }
                long opened = System.nanoTime();
                AtomicBoolean first = new AtomicBoolean(true);
                subscriptions.add(load.client()
                        .responseTimeout(Duration.ofMinutes(10))
                        .get()
                        .uri(url)
                        .responseContent()
                        .asString()
                        .subscribe(
                                chunk -> {
                                    if (first.compareAndSet(true, false)) {
                                        firstEvent.recordValue((System.nanoTime() - opened) / 1000);
                                        open.incrementAndGet();
                                    }
                                    statusEvents.addAndGet(
                                            occurrences(chunk, "event: status") + occurrences(chunk, "event:status"));
                                },
                                error -> failed.incrementAndGet()));
            }
            // the last wave too: the hold starts with every stream open (or given up on)
            long lastWave = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (open.get() + failed.get() < streams && System.nanoTime() < lastWave) {
                Thread.sleep(20);
            }
            openSeconds = (System.nanoTime() - opening) / 1e9;
            // provider calls are counted over the hold only, so the rate is one of the steady state
            simulators.resetJournals();
            long start = System.nanoTime();
            long deadline = start + hold.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000);
                peakHeap = Math.max(peakHeap, heapUsed());
            }
            heldSeconds = (System.nanoTime() - start) / 1e9;
            joined = joinedStreams();
            gatewayCalls = simulators.count("coolify", "GET", path);
            allCalls = simulators.countAll("coolify");
            gateway.fullGc();
            liveHeap = heapUsed();
            subscriptions.forEach(Disposable::dispose);
        }
        Sample through = new Sample(open.get(), failed.get(), heldSeconds, firstEvent);
        double directRate = directCalls / direct.seconds();
        double gatewayRate = gatewayCalls / heldSeconds;
        List<Row> rows = List.of(
                Row.info("clients", Report.number(pollers) + " pollers", Report.number(streams) + " SSE streams", ""),
                Row.info(
                        "streams that got a first event",
                        "",
                        Report.number(open.get()) + " (" + failed.get() + " failed)",
                        ""),
                Row.info(
                        "p50 / p99 latency (ms): direct GET vs time to first event",
                        Report.millis(direct.p50Millis()) + " / " + Report.millis(direct.p99Millis()),
                        Report.millis(through.p50Millis()) + " / " + Report.millis(through.p99Millis()),
                        ""),
                Row.info(
                        "provider GETs of the deployment per second",
                        String.format(java.util.Locale.ROOT, "%.1f", directRate),
                        String.format(java.util.Locale.ROOT, "%.2f", gatewayRate) + " (all paths: "
                                + String.format(java.util.Locale.ROOT, "%.2f", allCalls / heldSeconds) + ")",
                        Report.ratio(gatewayRate / directRate)),
                new Row(
                        "gateway heap in use: idle → peak with streams open (MB)",
                        "",
                        mb(idleHeap) + " → " + mb(peakHeap),
                        "",
                        "≤ " + heapLimitBytes / MB + " MB",
                        peakHeap <= heapLimitBytes && failed.get() == 0 && open.get() == streams),
                Row.info("gateway heap live after a full GC, streams open (MB)", "", mb(liveHeap), ""),
                Row.info(
                        "gateway heap per stream: (live − idle) / streams (KB)",
                        "",
                        String.format(java.util.Locale.ROOT, "%.1f", (liveHeap - idleHeap) / streams / 1024),
                        ""),
                Row.info(
                        "streams served on the short road (joined a running watch after the HTTP codec)",
                        "",
                        Double.isNaN(joined) ? "n/a" : Report.number(Math.round(joined)),
                        ""),
                Row.info(
                        "time to open every stream (s)",
                        "",
                        String.format(java.util.Locale.ROOT, "%.1f", openSeconds),
                        ""));
        return new Table(
                "(d) " + streams + " concurrent event streams on one deployment",
                "An in-progress deployment of `coolify:cool-broken` (Coolify has no event stream: the gateway polls,"
                        + " the stricter case). Direct: " + streams + " clients each `GET` the deployment from the"
                        + " simulator every " + Report.seconds(pollInterval) + " (the gateway's poll interval) for "
                        + Report.seconds(directPeriod) + ". Gateway (`-Xmx" + heapLimitBytes / MB + "m`): "
                        + streams + " `GET /v1/deployments/{id}/events` streams held open for "
                        + Report.seconds(hold)
                        + " once all are open; heap is `jvm.memory.used{area=heap}` sampled every second;"
                        + " provider calls from the simulator's journal over the hold. The first streams start the"
                        + " deployment's one shared watch through the full WebFlux road; streams that join a running"
                        + " watch are served right after the HTTP codec (the short road). The simulators run inside"
                        + " the gateway JVM (sandbox mode), so its heap includes theirs.",
                rows,
                List.of("status events received over all streams: " + statusEvents.get() + "."));
    }

    private double heapUsed() {
        return admin.get(gateway.url() + "/actuator/metrics/jvm.memory.used?tag=area:heap")
                .path("measurements")
                .path(0)
                .path("value")
                .asDouble();
    }

    /** The gateway's gauge of streams on the short road, or NaN where the gateway has none. */
    private double joinedStreams() {
        try {
            return admin.get(gateway.url() + "/actuator/metrics/unideploy.events.streams.joined")
                    .path("measurements")
                    .path(0)
                    .path("value")
                    .asDouble(Double.NaN);
        } catch (RuntimeException none) {
            return Double.NaN;
        }
    }

    private static String mb(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f", bytes / MB);
    }

    private static int occurrences(String text, String token) {
        int count = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            count++;
        }
        return count;
    }
}
