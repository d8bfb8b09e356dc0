package dev.unideploy.adapter.zectre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ZectreStatusMappingTest {

    @ParameterizedTest(name = "{0} with {1}/{2} tasks ready is {3}")
    @DisplayName("every documented status maps, running by task readiness")
    @CsvSource({
        "pending,0,2,QUEUED",
        "running,0,2,IN_PROGRESS",
        "running,1,2,IN_PROGRESS",
        "running,2,2,SUCCEEDED",
        "running,0,0,IN_PROGRESS",
        "succeeded,2,2,SUCCEEDED",
        "failed,0,2,FAILED",
        "cancelled,0,2,CANCELLED",
        "RUNNING,3,3,SUCCEEDED",
        "Pending,0,1,QUEUED"
    })
    void documentedStatuses(String raw, int ready, int total, Status expected) {
        Lifecycle lifecycle = ZectreStatusMapping.toLifecycle(raw, ready, total);
        assertThat(lifecycle.status()).isEqualTo(expected);
        assertThat(lifecycle.providerStatus()).isEqualTo(raw);
    }

    @ParameterizedTest
    @DisplayName("every value of the provider enum is mapped to a known status")
    @EnumSource(ZectreStatusMapping.ZectreStatus.class)
    void everyEnumValueMaps(ZectreStatusMapping.ZectreStatus status) {
        String raw = status.name().toLowerCase();
        assertThat(ZectreStatusMapping.toLifecycle(raw, 1, 1).status()).isNotEqualTo(Status.UNKNOWN);
    }

    @Test
    @DisplayName("a rollout is in the deploy phase and not live; all tasks ready is live")
    void runningPhaseAndLive() {
        assertThat(ZectreStatusMapping.toLifecycle("running", 1, 2).phase()).isEqualTo(Phase.DEPLOY);
        assertThat(ZectreStatusMapping.toLive("running", 1, 2)).isFalse();
        assertThat(ZectreStatusMapping.toLive("running", 2, 2)).isTrue();
        assertThat(ZectreStatusMapping.toLive("running", null, null)).isFalse();
        assertThat(ZectreStatusMapping.toLive("failed", 2, 2)).isFalse();
        assertThat(ZectreStatusMapping.toLive("teleporting", 2, 2)).isNull();
    }

    @Test
    @DisplayName("an unknown value is unknown, the raw value kept, not terminal")
    void unknownIsKept() {
        Lifecycle lifecycle = ZectreStatusMapping.toLifecycle("teleporting", 1, 1);
        assertThat(lifecycle.status()).isEqualTo(Status.UNKNOWN);
        assertThat(lifecycle.providerStatus()).isEqualTo("teleporting");
        assertThat(lifecycle.terminal()).isFalse();
    }
}
