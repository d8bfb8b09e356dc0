package dev.unideploy.spi;

/** What a native live stream yields: a status change or a log line. */
public sealed interface DeploymentEvent {

    /** The deployment as it is now; emitted on every change. */
    record StatusChanged(Deployment deployment) implements DeploymentEvent {}

    /** One log line. */
    record Log(LogLine line) implements DeploymentEvent {}
}
