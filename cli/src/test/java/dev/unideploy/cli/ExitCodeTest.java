package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.client.model.DeploymentStatus;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.TypeConversionException;

class ExitCodeTest {

    @ParameterizedTest
    @EnumSource(DeploymentStatus.class)
    @DisplayName("every status maps to an exit code: the outcome when terminal, 3 while not")
    void everyStatus(DeploymentStatus status) {
        int expected = switch (status) {
            case SUCCEEDED -> 0;
            case FAILED -> 1;
            case CANCELLED -> 2;
            case QUEUED, IN_PROGRESS, UNKNOWN -> 3;
        };
        assertThat(ExitCode.of(status)).isEqualTo(expected);
    }

    @Test
    @DisplayName("durations read as CI configs write them")
    void durations() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> converter.convert("0s")))
                .isInstanceOf(TypeConversionException.class);
    }
}
