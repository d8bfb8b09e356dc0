package dev.unideploy.client;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.LogLine;

/**
 * One event of a deployment's live stream ({@code GET /v1/deployments/{id}/events}), typed by its SSE {@code event}
 * name. {@link #id()} is the event's SSE id, the position {@link Deployments#follow} resumes after with {@code
 * Last-Event-ID}.
 */
public sealed interface DeploymentEvent {

    /** The SSE id of this event (empty for an event the gateway sent without one). */
    String id();

    /** {@code status}: the deployment's state, first on every connection and then on every change. */
    record Status(String id, Deployment deployment) implements DeploymentEvent {}

    /** {@code log}: one new log line. Each line arrives once, across reconnections too. */
    record Log(String id, LogLine line) implements DeploymentEvent {}

    /** {@code end}: the final, terminal deployment; the last event of the stream. */
    record End(String id, Deployment deployment) implements DeploymentEvent {}

    /**
     * {@code error}: the provider is in trouble (the problem a GET would answer now); the gateway keeps trying and the
     * stream goes on.
     */
    record Error(String id, ProblemException problem) implements DeploymentEvent {}
}
