package dev.unideploy.adapter.dokploy;

/** A row of {@code deployment.all}: {@code <applicationId>.<deploymentId>}. */
record DokployRowId(String applicationId, String deploymentId) implements DokployId {
    @Override
    public String toString() {
        return applicationId + "." + deploymentId;
    }
}
