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

    Scenarios(GatewayProcess gateway, Simulators simulators, Http http, Duration warmUp, Duration measure) {
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
        Sample direct;
        Sample through;
        try (Load load = new Load("a", users, Scenarios::bearer)) {
            direct = load.run(direct("/deployments/" + uuid), users, warmUp, measure, () -> {});
            through = load.run(through("/v1/deployments/coolify:" + uuid), users, warmUp, measure, () -> {});
        }
        double ratio = through.throughput() / direct.throughput();
        List<Row> rows = List.of(
                Row.sample("throughput", direct, through).withTarget("gateway ≥ provider (≥ 1.00×)", ratio >= 1.0),
                Row.sample("p50", direct, through),
                Row.sample("p99", direct, through),
                errors(direct, through));
        return new Table(
                "(a) finished deployment (cache hit)",
                "`GET /api/v1/deployments/" + uuid + "` on the Coolify simulator vs `GET /v1/deployments/coolify:"
                        + uuid + "` on the gateway; " + users + " closed-loop connections, " + seconds(warmUp)
                        + " warm-up, " + seconds(measure) + " measured, each side.",
                rows,
                List.of());
    }

    /** (b) An in-progress deployment polled by many clients: the gateway coalesces them into few provider calls. */
    Table coalescing(int users) {
        String uuid = trigger("coolify:cool-web");
        String path = COOLIFY_API + "/deployments/" + uuid;
        Sample direct;
        Sample through;
        long[] providerCalls = new long[2];
        try (Load load = new Load("b", users, Scenarios::bearer)) {
            direct = load.run(direct("/deployments/" + uuid), users, warmUp, measure, simulators::resetJournals);
            providerCalls[0] = simulators.count("coolify", "GET", path);
            through = load.run(
                    through("/v1/deployments/coolify:" + uuid), users, warmUp, measure, simulators::resetJournals);
            providerCalls[1] = simulators.count("coolify", "GET", path);
        }
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
                        + seconds(measure) + ".",
                rows,
                List.of("status when the scenario ended: `" + status + "` (must not be terminal for a valid run)."));
    }

    /** (c) A merged list over the five providers, each answering after 100 ms. */
    Table fanOut(int users, int delayMillis) {
        String gatewayList = through("/v1/deployments?appId=coolify:cool-web&appId=dokploy:dok-web"
                + "&appId=zectre:zec-web&appId=dooor:door-web&appId=mist:1&limit=20");
        Sample direct;
        Sample through;
        long[] calls = new long[Simulators.TYPES.length];
        simulators.fixedDelay(delayMillis);
        try (Load load = new Load("c", users, Scenarios::bearer)) {
            direct = load.run(
                    direct("/deployments/applications/cool-web?skip=0&take=50"), users, warmUp, measure, () -> {});
            through = load.run(gatewayList, users, warmUp, measure, simulators::resetJournals);
            for (int i = 0; i < calls.length; i++) {
                calls[i] = simulators.countAll(Simulators.TYPES[i]);
            }
        } finally {
            simulators.fixedDelay(0);
        }
        double ratio = through.p50Millis() / direct.p50Millis();
        List<String> perProvider = new ArrayList<>();
        long lists = through.ok() + through.errors();
        for (int i = 0; i < calls.length; i++) {
            perProvider.add(Simulators.TYPES[i] + " "
                    + String.format(java.util.Locale.ROOT, "%.2f", (double) calls[i] / lists));
        }
        List<Row> rows = List.of(
                Row.sample("throughput", direct, through),
                Row.sample("p50", direct, through).withTarget("≤ 1.2× one provider", ratio <= 1.2),
                Row.sample("p99", direct, through),
                errors(direct, through));
        return new Table(
                "(c) merged list over five providers, each with " + delayMillis + " ms latency (fan-out)",
                "Every simulator answers after a fixed " + delayMillis + " ms (WireMock `POST /__admin/settings"
                        + " {\"fixedDelay\":" + delayMillis + "}`). Direct: one provider's list"
                        + " (`GET /api/v1/deployments/applications/cool-web`); gateway: `GET /v1/deployments` over one"
                        + " app of each of the five providers. " + users + " closed-loop connections each side.",
                rows,
                List.of("provider requests per gateway list (all paths): " + String.join(", ", perProvider) + "."));
    }

    private static Row errors(Sample direct, Sample through) {
        return Row.info("errors", Report.number(direct.errors()), Report.number(through.errors()), "");
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static void bearer(io.netty.handler.codec.http.HttpHeaders headers) {
        headers.set("Authorization", "Bearer " + TOKEN);
    }
}
