package dev.unideploy.sandbox;

/** A Dokploy application: {@code applicationId} is the API id, {@code appName} the Docker service name. */
record DokployApp(String applicationId, String name, String appName) {

    static DokployApp of(SeededApp app) {
        return new DokployApp(app.id(), app.name(), app.name() + "-sandbox");
    }
}
