package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.CancelScope;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import java.util.EnumSet;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Cancel and delete that do exactly what they say, with what Dokploy offers. A queued deployment is dropped with
 * {@code application.cleanQueues}, which drops every waiting job of the application: so only when it is the only one.
 * A running application deployment cannot be stopped: Dokploy never records its process id, and {@code
 * deployment.killProcess} answers 400 "Deployment is not running" (it kills rows that have a pid: scheduled jobs).
 */
final class DokployCancel {

    static final CancelScope SCOPE = new CancelScope(
            EnumSet.of(Status.QUEUED),
            "Only a queued deployment can be cancelled, and only while no other deployment of its application waits:"
                    + " Dokploy drops every waiting deployment of an application at once, and cannot stop a running"
                    + " application deployment.");

    private static final String RUNNING = "Dokploy cannot stop a running application deployment: it records no process"
            + " id for it, so deployment.killProcess answers \"Deployment is not running\". Nothing was cancelled; wait"
            + " for it to finish.";

    private final DokployClient client;
    private final DokployLookup lookup;
    private final DokployMemory memory;

    DokployCancel(DokployClient client, DokployLookup lookup, DokployMemory memory) {
        this.client = client;
        this.lookup = lookup;
        this.memory = memory;
    }

    Mono<Deployment> cancel(DokployId id) {
        return lookup.resolve(id).flatMap(found -> {
            Deployment deployment = found.deployment();
            if (deployment.terminal()) {
                return Mono.error(conflict("the deployment is already "
                        + deployment.lifecycle().providerStatus() + "; there is nothing to cancel."));
            }
            if (found.row() != null) {
                return found.row().pid() == null ? Mono.error(conflict(RUNNING)) : kill(id, found);
            }
            DokployJson.Job job = found.job();
            if (job == null || !job.waiting() || !(id instanceof DokployTriggeredId triggered)) {
                return Mono.error(conflict(RUNNING));
            }
            return lookup.view(id.applicationId()).flatMap(view -> {
                int others = view.otherWaiting(job).size();
                if (others > 0) {
                    return Mono.error(conflict(others + " other deployment" + (others == 1 ? " of" : "s of")
                            + " this application " + (others == 1 ? "waits" : "wait") + " too, and Dokploy can only"
                            + " drop every waiting deployment of an application at once (application.cleanQueues)."
                            + " Nothing was cancelled; this one runs after those ahead of it."));
                }
                return client.cleanQueues(id.applicationId()).then(dropped(triggered, deployment));
            });
        });
    }

    /** After {@code cleanQueues}: dropped (remembered, so the id never takes another row), or it started meanwhile. */
    private Mono<Deployment> dropped(DokployTriggeredId id, Deployment before) {
        return lookup.view(id.applicationId()).flatMap(view -> {
            if (view.jobTitled(id.title()).isPresent()
                    || view.rowTitled(id.title()).isPresent()) {
                return Mono.error(conflict("the deployment started before the cancel reached it. " + RUNNING));
            }
            return memory.drop(id)
                    .thenReturn(before.withLifecycle(
                            Lifecycle.cancelled(before.lifecycle().providerStatus())));
        });
    }

    /** A row with a pid: {@code killProcess} (which Dokploy records as {@code error}), answered cancelled. */
    private Mono<Deployment> kill(DokployId id, Found found) {
        return client.killProcess(found.row().deploymentId())
                .onErrorMap(ProviderException.InvalidRequest.class, refused -> conflict(refused.getMessage()))
                .then(lookup.resolve(id).onErrorResume(ProviderException.NotFound.class, gone -> Mono.just(found)))
                .map(after -> after.deployment()
                        .withLifecycle(Lifecycle.cancelled(
                                after.deployment().lifecycle().providerStatus())));
    }

    /** {@code removeDeployment}: the row and its log file; only once the deployment is finished. */
    Mono<Void> delete(DokployId id) {
        return lookup.resolve(id).flatMap(found -> {
            if (!found.deployment().terminal() || found.row() == null) {
                return Mono.error(conflict("the deployment is "
                        + found.deployment().status().name().toLowerCase(Locale.ROOT)
                        + "; only a finished deployment's record can be deleted."));
            }
            return client.removeDeployment(found.row().deploymentId());
        });
    }

    private static ProviderException.Conflict conflict(String message) {
        return new ProviderException.Conflict(message, null);
    }
}
