package dev.unideploy.adapter.dooor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DooorStatusMappingTest {

    @ParameterizedTest(name = "{0} is {1} ({2})")
    @DisplayName("every documented status maps, in any case, the raw value kept")
    @CsvSource(
            value = {
                "queued,QUEUED,",
                "building,IN_PROGRESS,BUILD",
                "deploying,IN_PROGRESS,DEPLOY",
                "succeeded,SUCCEEDED,",
                "failed,FAILED,",
                "cancelled,CANCELLED,",
                "QUEUED,QUEUED,",
                "BUILDING,IN_PROGRESS,BUILD",
                "DEPLOYING,IN_PROGRESS,DEPLOY",
                "SUCCEEDED,SUCCEEDED,",
                "FAILED,FAILED,",
                "CANCELLED,CANCELLED,",
                "Succeeded,SUCCEEDED,",
                "PENDING,QUEUED,",
                "RECONCILING,IN_PROGRESS,DEPLOY",
                "READY,SUCCEEDED,",
                "TIMEOUT,FAILED,"
            },
            nullValues = "")
    void documentedStatuses(String raw, Status expected, Phase phase) {
        Lifecycle lifecycle = DooorStatusMapping.toLifecycle(raw);
        assertThat(lifecycle.status()).isEqualTo(expected);
        assertThat(lifecycle.phase()).isEqualTo(phase);
        assertThat(lifecycle.providerStatus()).isEqualTo(raw);
    }

    @ParameterizedTest
    @DisplayName("every value of the provider enum maps to a known status")
    @EnumSource(DooorStatusMapping.DooorStatus.class)
    void everyEnumValueMaps(DooorStatusMapping.DooorStatus status) {
        assertThat(DooorStatusMapping.toLifecycle(status.name()).status()).isNotEqualTo(Status.UNKNOWN);
    }

    @Test
    @DisplayName("an unknown value is unknown, the raw value kept, not terminal")
    void unknownIsKept() {
        Lifecycle lifecycle = DooorStatusMapping.toLifecycle("Teleporting");
        assertThat(lifecycle.status()).isEqualTo(Status.UNKNOWN);
        assertThat(lifecycle.providerStatus()).isEqualTo("Teleporting");
        assertThat(lifecycle.terminal()).isFalse();
        assertThat(DooorStatusMapping.toLifecycle("").status()).isEqualTo(Status.UNKNOWN);
    }
}
