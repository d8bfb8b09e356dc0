package dev.unideploy.bench;

import org.HdrHistogram.Histogram;

/** What one load phase measured: answered requests, failures, its duration and the latency histogram (µs). */
record Sample(long ok, long errors, double seconds, Histogram latencyMicros) {

    static Sample empty() {
        return new Sample(0, 0, 0, new Histogram(3));
    }

    /** Both samples as one: counts, durations and histograms added. */
    Sample plus(Sample other) {
        Histogram both = new Histogram(3);
        both.add(latencyMicros);
        both.add(other.latencyMicros);
        return new Sample(ok + other.ok, errors + other.errors, seconds + other.seconds, both);
    }

    double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    double p50Millis() {
        return percentileMillis(50);
    }

    double p99Millis() {
        return percentileMillis(99);
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    @Override
    public String toString() {
        return String.format(
                "Sample[%d ok, %d errors, %.1f s, %.0f req/s, p50 %.2f ms, p99 %.2f ms]",
                ok, errors, seconds, throughput(), p50Millis(), p99Millis());
    }
}
