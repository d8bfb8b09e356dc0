package dev.unideploy.bench;

import dev.unideploy.bench.Report.Row;
import dev.unideploy.bench.Report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The four scenarios of issue 9, each measured directly against the Coolify simulator and through the gateway in
 * the same run. Coolify is the provider under test: its REST API has no event stream, so (d) exercises the gateway's
 * one shared poller, the stricter case.
 */
final class Scenarios {

    static final String TOKEN = "sandbox";
    static final String COOLIFY_API = "/api/v1";

    private final GatewayProcess gateway;
    private final Simulators simulators;
    private final Http http;
    private final Duration warmUp;
    private final Duration measure;
    private final int rounds;

    Scenarios(GatewayProcess gateway, Simulators simulators, Http http, Duration warmUp, Duration measure, int rounds) {
        this.rounds = rounds;
        this.gateway = gateway;
        this.simulators = simulators;
        this.http = http;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    private String direct(String coolifyPath) {
        return simulators.root("coolify") + COOLIFY_API + coolifyPath;
    }

    private String through(String path) {
        return gateway.url() + path;
    }

    /** The Coolify uuid of a seeded deployment of cool-web that has succeeded. */
    String finishedDeployment() {
        JsonNode page = http.get(through("/v1/deployments?appId=coolify:cool-web&limit=10"));
        for (JsonNode item : page.path("items")) {
            if ("succeeded".equals(item.path("status").asString())) {
                return local(item.path("id").asString());
            }
        }
        throw new IllegalStateException("no succeeded deployment of coolify:cool-web in " + page);
    }

    /** Triggers a deployment through the gateway and returns its Coolify uuid; it stays in progress for a step. */
    String trigger(String appId) {
        JsonNode deployment = http.post(through("/v1/deployments"), "{\"appId\":\"" + appId + "\"}");
        return local(deployment.path("id").asString());
    }

    private static String local(String id) {
        return id.substring(id.indexOf(':') + 1);
    }

    /** (a) A finished deployment: the gateway answers from its cache, the simulator computes every answer. */
    Table cacheHit(int users) {
        String uuid = finishedDeployment();
        Comparison run;
        try (Load load = new Load("a", users, Scenarios::bearer)) {
            run = Comparison.run(
                    load,
                    direct("/deployments/" + uuid),
                    through("/v1/deployments/coolify:" + uuid),
                    users,
                    warmUp,
                    measure,
                    rounds,
                    () -> {},
                    () -> 0,
                    gateway::cpuNanos);
        }
        Sample direct = run.direct();
        Sample through = run.gateway();
        double ratio = through.throughput() / direct.throughput();
        List<Row> rows = List.of(
                Row.sample("throughput", direct, through).withTarget("gateway ≥ provider (≥ 1.00×)", ratio >= 1.0),
                Row.sample("p50", direct, through),
                Row.sample("p99", direct, through),
                run.cpuRow(),
                errors(direct, through));
        return new Table(
                "(a) finished deployment (cache hit)",
                "`GET /api/v1/deployments/" + uuid + "` on the Coolify simulator vs `GET /v1/deployments/coolify:"
                        + uuid + "` on the gateway; " + users + " closed-loop connections, " + Report.seconds(warmUp)
                        + " warm-up (or longer, up to 5,000 requests or 10 s), " + Report.seconds(measure)
                        + " measured, each side, in " + rounds
                        + " alternating rounds.",
                rows,
                List.of());
    }

    /** (b) An in-progress deployment polled by many clients: the gateway coalesces them into few provider calls. */
    Table coalescing(int users) {
        String uuid = trigger("coolify:cool-web");
        String path = COOLIFY_API + "/deployments/" + uuid;
        Comparison run;
        try (Load load = new Load("b", users, Scenarios::bearer)) {
            run = Comparison.run(
                    load,
                    direct("/deployments/" + uuid),
                    through("/v1/deployments/coolify:" + uuid),
                    users,
                    warmUp,
                    measure,
                    rounds,
                    simulators::resetJournals,
                    () -> simulators.count("coolify", "GET", path),
                    gateway::cpuNanos);
        }
        Sample direct = run.direct();
        Sample through = run.gateway();
        long[] providerCalls = {run.directCount(), run.gatewayCount()};
        String status = http.get(through("/v1/deployments/coolify:" + uuid))
                .path("status")
                .asString();
        long directPolls = direct.ok() + direct.errors();
        long gatewayPolls = through.ok() + through.errors();
        double share = (double) providerCalls[1] / gatewayPolls;
        List<Row> rows = List.of(
                Row.sample("throughput", direct, through),
                Row.sample("p50", direct, through),
                Row.sample("p99", direct, through),
                run.cpuRow(),
                Row.info("client polls", Report.number(directPolls), Report.number(gatewayPolls), ""),
                new Row(
                        "provider GETs of the deployment / client polls",
                        Report.number(providerCalls[0]) + " (" + Report.percent((double) providerCalls[0] / directPolls)
                                + ")",
                        Report.number(providerCalls[1]) + " (" + Report.percent(share) + ")",
                        "",
                        "≤ 5 %",
                        share <= 0.05),
                errors(direct, through));
        return new Table(
                "(b) in-progress deployment polled by many clients (coalescing)",
                "A deployment of `coolify:cool-web` triggered through the gateway (simulator step 60 s, so it stays in"
                        + " progress), polled by " + users + " closed-loop connections, directly and through the"
                        + " gateway; provider calls counted in the simulator's request journal over the measured "
                        + Report.seconds(measure) + ".",
                rows,
                List.of("status when the scenario ended: `" + status + "` (must not be terminal for a valid run)."));
    }

    /**
     * (c) A merged list over the five providers, each answering after {@code delayMillis}: once with one connection
     * (the fan-out's shape, no queueing), once with {@code users} (the same under concurrent load).
     */
    Table fanOut(int users, int delayMillis) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        simulators.fixedDelay(delayMillis);
        try {
            for (int connections : new int[] {users, 1}) {
                fanOut(connections, rows, notes);
            }
        } finally {
            simulators.fixedDelay(0);
        }
        return new Table(
                "(c) merged list over five providers, each with " + delayMillis + " ms latency (fan-out)",
                "Every simulator answers after a fixed " + delayMillis + " ms (WireMock `POST /__admin/settings"
                        + " {\"fixedDelay\":" + delayMillis + "}`). Direct: one provider's list"
                        + " (`GET /api/v1/deployments/applications/cool-web`); gateway: `GET /v1/deployments` over one"
                        + " app of each of the five providers. Measured with 1 and with " + users + " closed-loop"
                        + " connections each side, " + Report.seconds(measure) + " each, in " + rounds
                        + " alternating rounds.",
                rows,
                notes);
    }

    private void fanOut(int users, List<Row> rows, List<String> notes) {
        String gatewayList = through("/v1/deployments?appId=coolify:cool-web&appId=dokploy:dok-web"
                + "&appId=zectre:zec-web&appId=dooor:door-web&appId=mist:1&limit=20");
        long[] calls = new long[Simulators.TYPES.length];
        Comparison run;
        try (Load load = new Load("c" + users, users, Scenarios::bearer)) {
            run = Comparison.run(
                    load,
                    direct("/deployments/applications/cool-web?skip=0&take=50"),
                    gatewayList,
                    users,
                    warmUp,
                    measure,
                    rounds,
                    simulators::resetJournals,
                    () -> {
                        for (int i = 0; i < calls.length; i++) {
                            calls[i] += simulators.countAll(Simulators.TYPES[i]);
                        }
                        return 0;
                    },
                    gateway::cpuNanos);
        }
        // the direct rounds' calls went to Coolify only: take them out again
        calls[0] -= run.direct().ok() + run.direct().errors();
        Sample direct = run.direct();
        Sample through = run.gateway();
        double ratio = through.p50Millis() / direct.p50Millis();
        List<String> perProvider = new ArrayList<>();
        long lists = through.ok() + through.errors();
        for (int i = 0; i < calls.length; i++) {
            perProvider.add(Simulators.TYPES[i] + " "
                    + String.format(java.util.Locale.ROOT, "%.2f", (double) calls[i] / lists));
        }
        String label = users == 1 ? " — 1 connection" : " — " + users + " connections";
        Row p50 = Row.sample("p50", direct, through);
        Row p99 = Row.sample("p99", direct, through);
        Row throughput = Row.sample("throughput", direct, through);
        rows.add(Row.info(throughput.metric() + label, throughput.direct(), throughput.gateway(), throughput.ratio()));
        rows.add(new Row(
                p50.metric() + label, p50.direct(), p50.gateway(), p50.ratio(), "≤ 1.2× one provider", ratio <= 1.2));
        rows.add(Row.info(p99.metric() + label, p99.direct(), p99.gateway(), p99.ratio()));
        Row cpu = run.cpuRow();
        rows.add(Row.info(cpu.metric() + label, cpu.direct(), cpu.gateway(), cpu.ratio()));
        Row errors = errors(direct, through);
        rows.add(Row.info(errors.metric() + label, errors.direct(), errors.gateway(), ""));
        // the median of the slowest of five independent calls is one call's 0.5^(1/5) quantile (its p87)
        double quantile = 100 * Math.pow(0.5, 1.0 / Simulators.TYPES.length);
        double ideal = direct.percentileMillis(quantile);
        notes.add(users + " connection(s): provider requests per gateway list " + String.join(", ", perProvider)
                + "; a perfect parallel fan-out's p50 (the slowest of 5 direct calls: direct p"
                + String.format(java.util.Locale.ROOT, "%.0f", quantile) + ") = " + Report.millis(ideal)
                + " ms, i.e. " + Report.ratio(ideal / direct.p50Millis()) + " of direct p50; gateway CPU per list"
                + " includes the simulators' answers to its "
                + Report.millis((double) java.util.Arrays.stream(calls).sum() / Math.max(1, lists))
                + " provider calls.");
    }

    private static Row errors(Sample direct, Sample through) {
        return Row.info("errors", Report.number(direct.errors()), Report.number(through.errors()), "");
    }

    static void bearer(io.netty.handler.codec.http.HttpHeaders headers) {
        headers.set("Authorization", "Bearer " + TOKEN);
    }
}
