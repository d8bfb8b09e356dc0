package dev.unideploy.adapter.dokploy;

import java.time.Instant;

/**
 * A deployment triggered through the gateway: {@code <applicationId>.~<triggered>~<correlationId>~<seal>}, the
 * trigger instant in milliseconds and the {@link DokploySeal seal} in base 36. It is sent as the title {@code
 * unideploy-~<triggered>~<correlationId>~<seal>}, so a row or queued job still titled so names its id.
 */
record DokployTriggeredId(String applicationId, Instant triggered, String correlationId, String seal)
        implements DokployId {

    DokployTriggeredId {
        triggered = Instant.ofEpochMilli(triggered.toEpochMilli());
    }

    String title() {
        return TITLE_PREFIX + part();
    }

    private String part() {
        return "~" + Long.toString(triggered.toEpochMilli(), 36) + "~" + correlationId + "~" + seal;
    }

    @Override
    public String toString() {
        return applicationId + "." + part();
    }
}
