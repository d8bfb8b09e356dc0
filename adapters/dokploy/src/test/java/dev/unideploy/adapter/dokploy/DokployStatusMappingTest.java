package dev.unideploy.adapter.dokploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DokployStatusMappingTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"running, IN_PROGRESS", "done, SUCCEEDED", "error, FAILED", "cancelled, CANCELLED", "DONE, SUCCEEDED"})
    void everyDocumentedValueMaps(String raw, Status expected) {
        Lifecycle lifecycle = DokployStatusMapping.toLifecycle(raw);
        assertThat(lifecycle.status()).isEqualTo(expected);
        assertThat(lifecycle.providerStatus()).isEqualTo(raw);
    }

    @ParameterizedTest(name = "job {0} is {1}")
    @CsvSource({
        "waiting, QUEUED",
        "delayed, QUEUED",
        "prioritized, QUEUED",
        "paused, QUEUED",
        "waiting-children, QUEUED",
        "active, IN_PROGRESS",
        "completed, UNKNOWN",
        "failed, FAILED"
    })
    void everyJobStateMaps(String raw, Status expected) {
        assertThat(DokployStatusMapping.jobLifecycle(raw).status()).isEqualTo(expected);
        assertThat(DokployStatusMapping.jobLifecycle(raw).providerStatus()).isEqualTo(raw);
    }

    @Test
    void everyEnumConstantIsMapped() {
        for (DokployStatusMapping.DokployStatus status : DokployStatusMapping.DokployStatus.values()) {
            assertThat(DokployStatusMapping.toLifecycle(status.name().toLowerCase())
                            .status())
                    .isNotEqualTo(Status.UNKNOWN);
        }
    }

    @Test
    void unknownValueIsKept() {
        assertThat(DokployStatusMapping.toLifecycle("pending").status()).isEqualTo(Status.UNKNOWN);
        assertThat(DokployStatusMapping.toLifecycle("pending").providerStatus()).isEqualTo("pending");
        assertThat(DokployStatusMapping.jobLifecycle("teleporting").status()).isEqualTo(Status.UNKNOWN);
    }
}
