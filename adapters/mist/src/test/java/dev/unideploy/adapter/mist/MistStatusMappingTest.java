package dev.unideploy.adapter.mist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MistStatusMappingTest {

    @ParameterizedTest(name = "{0} is {1} ({2})")
    @CsvSource(
            nullValues = "-",
            value = {
                "pending, QUEUED, -",
                "cloning, IN_PROGRESS, BUILD",
                "building, IN_PROGRESS, BUILD",
                "deploying, IN_PROGRESS, DEPLOY",
                "success, SUCCEEDED, -",
                "failed, FAILED, -",
                "stopped, CANCELLED, -",
                "rolled_back, SUCCEEDED, -",
                "SUCCESS, SUCCEEDED, -",
                "Cloning, IN_PROGRESS, BUILD"
            })
    void everyDocumentedValueMaps(String raw, Status status, Phase phase) {
        Lifecycle lifecycle = MistStatusMapping.toLifecycle(raw);
        assertThat(lifecycle.status()).isEqualTo(status);
        assertThat(lifecycle.phase()).isEqualTo(phase);
        assertThat(lifecycle.providerStatus()).isEqualTo(raw);
    }

    @Test
    void everyEnumConstantIsMapped() {
        for (MistStatusMapping.MistStatus status : MistStatusMapping.MistStatus.values()) {
            assertThat(MistStatusMapping.toLifecycle(status.wire()).status()).isNotEqualTo(Status.UNKNOWN);
        }
    }

    @Test
    void unknownValueIsKept() {
        Lifecycle lifecycle = MistStatusMapping.toLifecycle("teleporting");
        assertThat(lifecycle.status()).isEqualTo(Status.UNKNOWN);
        assertThat(lifecycle.providerStatus()).isEqualTo("teleporting");
    }
}
