package dev.unideploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WrkTest {

    @Test
    @DisplayName("wrk's summary and 1,000 quantiles become a sample: ok = requests - errors, percentiles in ms")
    void parses() {
        StringBuilder output = new StringBuilder("Running 2s test @ http://127.0.0.1:1/\n  1 threads\n");
        output.append("WRK 20000 100 2.000000\n");
        for (int i = 1; i <= 1000; i++) {
            output.append("Q ").append(i <= 500 ? 1000 : i <= 990 ? 2000 : 9000).append('\n');
        }

        Sample sample = Wrk.parse(output.toString());

        assertThat(sample.ok()).isEqualTo(19_900);
        assertThat(sample.errors()).isEqualTo(100);
        assertThat(sample.throughput()).isEqualTo(9_950.0);
        assertThat(sample.p50Millis()).isCloseTo(1.0, Offset.offset(0.01));
        assertThat(sample.p99Millis()).isCloseTo(2.0, Offset.offset(0.01));
        assertThat(sample.percentileMillis(99.5)).isCloseTo(9.0, Offset.offset(0.01));
        assertThat(sample.plus(sample).p99Millis()).isCloseTo(2.0, Offset.offset(0.01));
    }

    @Test
    @DisplayName("output without the summary line is an error, not an empty sample")
    void noSummary() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no wrk summary");
    }
}
