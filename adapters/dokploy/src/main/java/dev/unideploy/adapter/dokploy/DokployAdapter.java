package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Lifecycle;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Dokploy behind the port. Its deploy returns no id: we send the title {@code unideploy-<correlationId>} and find
 * the deployment by that title, first as a queued BullMQ job, then as a row.
 */
final class DokployAdapter implements ProviderAdapter {

    static final Duration POLL = Duration.ofSeconds(1);
    private static final int MAX_TAIL = 10_000;
    private static final Map<Capability, Support> CAPABILITIES = capabilityMap();

    private final ProviderConnection connection;
    private final DokployClient client;
    private final DokployLookup lookup;
    private final Duration poll;

    DokployAdapter(ProviderConnection connection, DokployClient client) {
        this(connection, client, POLL);
    }

    DokployAdapter(ProviderConnection connection, DokployClient client, Duration poll) {
        this.connection = connection;
        this.client = client;
        this.lookup = new DokployLookup(client);
        this.poll = poll;
    }

    private static Map<Capability, Support> capabilityMap() {
        // GET is emulated: no get-one procedure, found in deployment.all / queueList.
        // ROLLBACK stays unsupported: rollback.rollback needs rollbacks enabled plus a registry per app.
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

    @Override
    public Mono<List<App>> listApps() {
        return client.projects().map(projects -> {
            List<App> apps = new ArrayList<>();
            for (JsonNode node : projects) {
                DokployJson.Project project = DokployJson.read(node, DokployJson.Project.class);
                if (project.environments() != null) {
                    for (DokployJson.Environment environment : project.environments()) {
                        addApps(apps, environment.applications(), environment.name());
                    }
                }
                // Before environments (v0.2x), applications hung off the project.
                addApps(apps, project.applications(), null);
            }
            return List.copyOf(apps);
        });
    }

    private static void addApps(List<App> apps, @Nullable List<JsonNode> nodes, @Nullable String environment) {
        if (nodes == null) {
            return;
        }
        for (JsonNode node : nodes) {
            DokployJson.Application app = DokployJson.read(node, DokployJson.Application.class);
            String name = app.name() != null ? app.name() : app.appName();
            apps.add(new App(
                    app.applicationId(),
                    name == null ? app.applicationId() : name,
                    environment,
                    DokployJson.only(node, DokployJson.APP_RAW)));
        }
    }

    /** Deploys with our title, then answers the queued job (or the row, if a worker was quicker). */
    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return Mono.defer(() -> {
            DokployId.checkApp(request.appId());
            if (!DokployId.isSafe(request.correlationId())) {
                return Mono.error(
                        new ProviderException.InvalidRequest("correlation id must be URL-safe", "correlationId", null));
            }
            DokployId id = DokployId.correlated(request.appId(), request.correlationId());
            return client.deploy(request.appId(), id.title(), "Deployed through Unideploy")
                    .then(resolve(id)
                            .map(Found::deployment)
                            // Accepted but not visible yet: queued is what Dokploy has.
                            .onErrorResume(
                                    ProviderException.NotFound.class,
                                    notYet -> Mono.just(Deployment.builder(id.toString(), request.appId())
                                            .lifecycle(Lifecycle.queued("queued"))
                                            .build())));
        });
    }

    /** Dokploy has no paging: the rows (and our queued jobs first) are paged here; the token is an offset. */
    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return lookup.page(appId, pageToken, limit);
    }

    /** Emulated: filters the app's rows (by id, or by our title), then our queued jobs. */
    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return Mono.defer(() -> resolve(DokployId.parse(deploymentId))).map(Found::deployment);
    }

    private Mono<Found> resolve(DokployId id) {
        return lookup.resolve(id);
    }

    /** {@code deployment.readLogs}: plain text; a queued deployment has no log yet. */
    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return Mono.defer(() -> resolve(DokployId.parse(deploymentId))).flatMap(found -> {
            boolean complete = found.deployment().terminal();
            if (found.row() == null || (tail != null && tail <= 0)) {
                return Mono.just(new Logs(List.of(), complete));
            }
            int lines = tail == null ? MAX_TAIL : Math.min(tail, MAX_TAIL);
            return client.readLogs(found.row().deploymentId(), lines)
                    .map(text -> new Logs(
                            text.lines()
                                    .filter(line -> !line.isBlank())
                                    .map(LogLine::of)
                                    .toList(),
                            complete));
        });
    }

    /**
     * A running deployment is killed ({@code killProcess}, which Dokploy records as {@code error}); a queued one is
     * dropped with the app's waiting jobs ({@code cleanQueues}). Either way we answer it cancelled, the raw value
     * kept; later reads of a killed row say {@code error} (failed) unless the gateway remembers the cancel.
     */
    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return Mono.defer(() -> resolve(DokployId.parse(deploymentId))).flatMap(found -> {
            Deployment deployment = found.deployment();
            if (deployment.terminal()) {
                return Mono.error(new ProviderException.Conflict(
                        "the deployment is already " + deployment.lifecycle().providerStatus(), null));
            }
            if (found.row() == null) {
                // cleanQueues drops only waiting jobs: one a worker picked up meanwhile has a row now, to kill
                return client.cleanQueues(deployment.appId())
                        .then(resolve(DokployId.parse(deploymentId))
                                .flatMap(after -> {
                                    if (after.deployment().terminal()) {
                                        return Mono.error(new ProviderException.Conflict(
                                                "the deployment finished before the cancel reached it", null));
                                    }
                                    return after.row() != null
                                            ? kill(deploymentId, after)
                                            : Mono.just(after.deployment());
                                })
                                .onErrorResume(ProviderException.NotFound.class, dropped -> Mono.just(deployment)))
                        .map(after -> after.withLifecycle(
                                Lifecycle.cancelled(after.lifecycle().providerStatus())));
            }
            return kill(deploymentId, found);
        });
    }

    /** {@code killProcess}, which Dokploy records as {@code error}; answered cancelled, the raw value kept. */
    private Mono<Deployment> kill(String deploymentId, Found found) {
        Deployment deployment = found.deployment();
        return client.killProcess(found.row().deploymentId())
                .onErrorMap(
                        error -> error instanceof ProviderException.InvalidRequest,
                        error -> new ProviderException.Conflict(error.getMessage(), 400))
                .then(getDeployment(deploymentId)
                        .onErrorResume(ProviderException.NotFound.class, gone -> Mono.just(deployment)))
                .map(after -> after.withLifecycle(
                        Lifecycle.cancelled(after.lifecycle().providerStatus())));
    }

    /** {@code removeDeployment}: the row and its log file. A queued job has no row yet. */
    @Override
    public Mono<Void> delete(String deploymentId) {
        return Mono.defer(() -> resolve(DokployId.parse(deploymentId)))
                .flatMap(found -> found.row() == null
                        ? Mono.error(new ProviderException.Conflict("the deployment is still queued: cancel it", null))
                        : client.removeDeployment(found.row().deploymentId()));
    }

    /**
     * Status by polling the rows (the socket never says it), log lines from the WebSocket once the row and its
     * {@code logPath} exist. Completes at the first terminal status, closing the socket: Dokploy never does.
     */
    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return Flux.defer(() -> {
            DokployId id = DokployId.parse(deploymentId);
            return resolve(id).flatMapMany(first -> first.deployment().terminal() ? replay(first) : live(id));
        });
    }

    /** A finished deployment: its log, then its status. */
    private Flux<DeploymentEvent> replay(Found found) {
        return logs(found.deployment().id(), null)
                .flatMapIterable(Logs::items)
                .<DeploymentEvent>map(DeploymentEvent.Log::new)
                .concatWith(Mono.just(new DeploymentEvent.StatusChanged(found.deployment())));
    }

    private Flux<DeploymentEvent> live(DokployId id) {
        Flux<Found> polls = Flux.interval(Duration.ZERO, poll)
                .onBackpressureDrop()
                .concatMap(tick -> resolve(id))
                .distinctUntilChanged(found -> found.deployment().lifecycle());
        return polls.publish(shared -> Flux.merge(
                        shared.map(found -> (DeploymentEvent) new DeploymentEvent.StatusChanged(found.deployment())),
                        shared.filter(found ->
                                        found.row() != null && found.row().logPath() != null)
                                .next()
                                .flatMapMany(found -> logLines(found.row().logPath()))))
                .takeUntil(event -> event instanceof DeploymentEvent.StatusChanged changed
                        && changed.deployment().terminal());
    }

    private Flux<DeploymentEvent> logLines(String logPath) {
        return DokployStream.lines(
                        connection,
                        client.streamUri(logPath, true),
                        client.streamUri(logPath, false),
                        client.authHeaders())
                .map(line -> new DeploymentEvent.Log(LogLine.of(line)));
    }

    /** The deployment a deploy made when its answer was lost (see {@link DokployLookup#created}). */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return lookup.created(creation, sentAt).map(Found::deployment);
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
