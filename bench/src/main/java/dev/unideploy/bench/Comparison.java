package dev.unideploy.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Direct and gateway measured in alternating rounds (direct, gateway, direct, gateway, …) so that a machine whose
 * load drifts during the run — a shared one — weighs on both sides alike. Each side warms up once, in its first
 * round. An optional counter (e.g. provider calls in the simulator's journal, reset before each measured round) is
 * summed per side, and so is the CPU time the gateway's JVM spent in each side's measured rounds.
 */
record Comparison(
        Sample direct, Sample gateway, long directCount, long gatewayCount, long directCpuNanos, long gatewayCpuNanos) {

    static Comparison run(
            Load load,
            String directUrl,
            String gatewayUrl,
            int users,
            Duration warmUp,
            Duration measure,
            int rounds,
            Runnable reset,
            LongSupplier count,
            LongSupplier cpuNanos) {
        Duration slice = measure.dividedBy(rounds);
        Sample direct = Sample.empty();
        Sample gateway = Sample.empty();
        long directCount = 0;
        long gatewayCount = 0;
        long directCpu = 0;
        long gatewayCpu = 0;
        for (int round = 0; round < rounds; round++) {
            Duration warm = round == 0 ? warmUp : Duration.ZERO;
            long[] cpu = new long[1];
            Runnable mark = () -> {
                reset.run();
                cpu[0] = cpuNanos.getAsLong();
            };
            direct = direct.plus(load.run(directUrl, users, warm, slice, mark));
            directCpu += cpuNanos.getAsLong() - cpu[0];
            directCount += count.getAsLong();
            gateway = gateway.plus(load.run(gatewayUrl, users, warm, slice, mark));
            gatewayCpu += cpuNanos.getAsLong() - cpu[0];
            gatewayCount += count.getAsLong();
        }
        return new Comparison(direct, gateway, directCount, gatewayCount, directCpu, gatewayCpu);
    }

    /** CPU time the gateway JVM (gateway and simulators) spent per answered request, in ms; direct side. */
    double directCpuMillisPerRequest() {
        return directCpuNanos / 1e6 / Math.max(1, direct.ok());
    }

    /** The table row of both sides' CPU per request. */
    Report.Row cpuRow() {
        return Report.Row.info(
                "gateway-JVM CPU per request (ms)",
                String.format(java.util.Locale.ROOT, "%.3f", directCpuMillisPerRequest()),
                String.format(java.util.Locale.ROOT, "%.3f", gatewayCpuMillisPerRequest()),
                Report.ratio(gatewayCpuMillisPerRequest() / directCpuMillisPerRequest()));
    }

    double gatewayCpuMillisPerRequest() {
        return gatewayCpuNanos / 1e6 / Math.max(1, gateway.ok());
    }
}
