package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.App;
import dev.unideploy.spi.CancelScope;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dokploy behind the port. Its deploy returns no id: we send a title naming the id we answer ({@link
 * DokployTriggeredId}), find the deployment by that title while Dokploy shows it, remember which row it is (Dokploy
 * overwrites the title with the commit message when the build ends), and else find the row by the trigger instant.
 */
final class DokployAdapter implements ProviderAdapter {

    static final Duration POLL = Duration.ofSeconds(1);
    private static final int MAX_TAIL = 10_000;
    private static final Map<Capability, Support> CAPABILITIES = capabilityMap();

    private final ProviderConnection connection;
    private final DokployClient client;
    private final DokploySeal seal;
    private final DokployLookup lookup;
    private final DokployListing listing;
    private final DokployCancel cancels;
    private final DokployEvents events;
    private final Clock clock;

    DokployAdapter(
            ProviderConnection connection,
            DokployClient client,
            Correlations correlations,
            DokploySeal seal,
            Duration poll,
            Clock clock) {
        this.connection = connection;
        this.client = client;
        this.seal = seal;
        DokployMemory memory = new DokployMemory(correlations);
        this.lookup = new DokployLookup(client, memory, seal);
        this.listing = new DokployListing(lookup, memory);
        this.cancels = new DokployCancel(client, lookup, memory);
        this.events = new DokployEvents(connection, client, lookup, id -> logs(id, null), poll);
        this.clock = clock;
    }

    private static Map<Capability, Support> capabilityMap() {
        // GET is emulated: no get-one procedure, found in deployment.all / queueList.
        // ROLLBACK stays unsupported: rollback.rollback needs rollbacks enabled plus a registry per app.
        // CANCEL is native but narrow: see cancelScope().
        return Support.matrix(
                EnumSet.of(
                        Capability.APPS,
                        Capability.TRIGGER,
                        Capability.LIST,
                        Capability.LOGS,
                        Capability.EVENTS,
                        Capability.DELETE,
                        Capability.CANCEL),
                EnumSet.of(Capability.GET));
    }

    @Override
    public ProviderConnection connection() {
        return connection;
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return CAPABILITIES;
    }

    /** None: {@code application.deploy} takes the application, a title and a description only. */
    @Override
    public Set<SourceField> sourceFields() {
        return Set.of();
    }

    @Override
    public CancelScope cancelScope() {
        return DokployCancel.SCOPE;
    }

    @Override
    public Mono<List<App>> listApps() {
        return client.projects().map(DokployApps::fromProjects);
    }

    /** Deploys with our title, then answers the queued job (or the row, if Dokploy was quicker). */
    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return Mono.defer(() -> {
            DokployId.checkApp(request.appId());
            if (!DokployId.isCorrelation(request.correlationId())) {
                return Mono.error(new ProviderException.InvalidRequest(
                        "correlation id must be 1 to 100 URL-safe characters without '~'", "correlationId", null));
            }
            DokployTriggeredId id = seal.issue(request.appId(), Instant.now(clock), request.correlationId());
            return client.deploy(request.appId(), id.title(), "Deployed through Unideploy")
                    .then(lookup.triggered(id)
                            .map(Found::deployment)
                            // Accepted but not visible yet: queued is what Dokploy has.
                            .switchIfEmpty(Mono.fromSupplier(() -> DokployDeploymentMapping.accepted(id))));
        });
    }

    /**
     * The deployment a trigger with {@code correlationId} made, for callers that never saw the trigger's answer: by
     * its title, else the first free row of the app created since {@code notBefore}.
     */
    Mono<Deployment> findTriggered(String applicationId, String correlationId, Instant notBefore) {
        return Mono.defer(() -> {
                    DokployId.checkApp(applicationId);
                    return lookup.findByCorrelation(applicationId, correlationId, notBefore);
                })
                .map(Found::deployment);
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return listing.page(appId, pageToken, limit);
    }

    /** Emulated: the remembered row, else the row or job titled for the id, else the row found by trigger instant. */
    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return Mono.defer(() -> lookup.resolve(DokployId.parse(deploymentId))).map(Found::deployment);
    }

    /**
     * {@code deployment.readLogs}: plain text, {@code tail -n} of the log file, lines counted as Dokploy counts them
     * (blank ones too). A queued deployment has no log yet; a tail of 0 sends nothing (Dokploy would answer 400).
     */
    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return Mono.defer(() -> lookup.resolve(DokployId.parse(deploymentId))).flatMap(found -> {
            boolean complete = found.deployment().terminal();
            if (found.row() == null || (tail != null && tail <= 0)) {
                return Mono.just(new Logs(List.of(), complete));
            }
            int lines = tail == null ? MAX_TAIL : Math.min(tail, MAX_TAIL);
            return client.readLogs(found.row().deploymentId(), lines)
                    .map(text -> new Logs(
                            DokployLogText.lines(text).stream().map(LogLine::of).toList(), complete));
        });
    }

    /** See {@link DokployCancel}: only a queued deployment, and only while no other of its app waits. */
    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return Mono.defer(() -> cancels.cancel(DokployId.parse(deploymentId)));
    }

    /** {@code removeDeployment}: the row and its log file, once the deployment is finished. */
    @Override
    public Mono<Void> delete(String deploymentId) {
        return Mono.defer(() -> cancels.delete(DokployId.parse(deploymentId)));
    }

    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return Flux.defer(() -> events.of(DokployId.parse(deploymentId)));
    }

    /**
     * The deployment a deploy made when its answer was lost: by the title we sent, else the app's first free row
     * created since the trigger ({@link #findTriggered}). Rollback and promote are not supported here, so never sent.
     */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        if (!(creation instanceof Creation.Trigger trigger)) {
            return Mono.error(new ProviderException.Unsupported(
                    creation instanceof Creation.Rollback ? Capability.ROLLBACK : Capability.PROMOTE));
        }
        return findTriggered(trigger.request().appId(), trigger.request().correlationId(), sentAt)
                .onErrorResume(ProviderException.NotFound.class, none -> Mono.empty());
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.fromSupplier(client::authHeaders);
    }

    @Override
    public String toString() {
        return "DokployAdapter[" + connection.id() + "]";
    }
}
