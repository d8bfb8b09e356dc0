package dev.unideploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.bench.Report.Row;
import dev.unideploy.bench.Report.Table;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Sample sample(long ok, double seconds, long... micros) {
        Histogram histogram = new Histogram(3);
        for (long value : micros) {
            histogram.recordValue(value);
        }
        return new Sample(ok, 0, seconds, histogram);
    }

    @Test
    @DisplayName("a sample's throughput is answered requests per second, its percentiles in milliseconds")
    void sampleStatistics() {
        Sample sample = sample(500, 2.0, 1000, 2000, 3000, 100_000);

        assertThat(sample.throughput()).isEqualTo(250.0);
        assertThat(sample.p50Millis()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sample.p99Millis()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    @DisplayName("samples of alternating rounds add up: counts, durations and histograms")
    void samplesAdd() {
        Sample both = sample(100, 1.0, 1000).plus(sample(300, 1.0, 3000, 3000, 3000));

        assertThat(both.ok()).isEqualTo(400);
        assertThat(both.throughput()).isEqualTo(200.0);
        assertThat(both.latencyMicros().getTotalCount()).isEqualTo(4);
        assertThat(Sample.empty().plus(both).p50Millis()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    @DisplayName("a sample row puts direct, gateway and gateway/direct side by side")
    void sampleRow() {
        Row row = Row.sample("throughput", sample(1000, 1.0, 1), sample(1500, 1.0, 1));

        assertThat(row).isEqualTo(Row.info("throughput (req/s)", "1,000", "1,500", "1.50×"));
    }

    @Test
    @DisplayName("a missed target is marked in its table and in the summary")
    void missedTarget() {
        Table table = new Table(
                "(x) scenario",
                "setup",
                List.of(
                        Row.info("p99 latency (ms)", "1.00", "2.00", "2.00×"),
                        Row.info("p50 latency (ms)", "1.00", "1.50", "1.50×").withTarget("≤ 1.2×", false)),
                List.of("a note"));

        String markdown = Report.markdown("Results", List.of("JDK 17"), List.of(table));

        assertThat(table.met()).isFalse();
        assertThat(markdown)
                .contains("| (x) scenario | p50 latency (ms) ≤ 1.2× | **no** |")
                .contains("| p50 latency (ms) | 1.00 | 1.50 | 1.50× | ≤ 1.2× | **no** |")
                .contains("| p99 latency (ms) | 1.00 | 2.00 | 2.00× |  |  |")
                .contains("- a note");
    }

    @Test
    @DisplayName("ratios too small for two decimals keep four; undefined ones read n/a")
    void ratios() {
        assertThat(Report.ratio(0.002)).isEqualTo("0.0020×");
        assertThat(Report.ratio(1.234)).isEqualTo("1.23×");
        assertThat(Report.ratio(Double.NaN)).isEqualTo("n/a");
    }
}
