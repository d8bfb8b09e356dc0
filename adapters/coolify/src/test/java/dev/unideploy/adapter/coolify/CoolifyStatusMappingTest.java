package dev.unideploy.adapter.coolify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoolifyStatusMappingTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "queued, QUEUED",
        "in_progress, IN_PROGRESS",
        "finished, SUCCEEDED",
        "failed, FAILED",
        "cancelled-by-user, CANCELLED",
        "cancelled, CANCELLED",
        "CANCELLED-BY-USER, CANCELLED",
        "Finished, SUCCEEDED"
    })
    void everyDocumentedValueMaps(String raw, Status expected) {
        Lifecycle lifecycle = CoolifyStatusMapping.toLifecycle(raw);
        assertThat(lifecycle.status()).isEqualTo(expected);
        assertThat(lifecycle.providerStatus()).isEqualTo(raw);
        assertThat(lifecycle.phase()).isNull();
    }

    @Test
    void everyEnumConstantIsMapped() {
        for (CoolifyStatusMapping.CoolifyStatus status : CoolifyStatusMapping.CoolifyStatus.values()) {
            assertThat(CoolifyStatusMapping.toLifecycle(status.wire).status()).isNotEqualTo(Status.UNKNOWN);
        }
    }

    @Test
    void unknownValueIsKept() {
        Lifecycle lifecycle = CoolifyStatusMapping.toLifecycle("teleporting");
        assertThat(lifecycle.status()).isEqualTo(Status.UNKNOWN);
        assertThat(lifecycle.providerStatus()).isEqualTo("teleporting");
        assertThat(lifecycle.terminal()).isFalse();
    }
}
