package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Revision;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Dooor OS deployments, normalised. Stateless: ids are Dooor's deployment ids; the workspace is configured. */
final class DooorAdapter implements ProviderAdapter {

    /** Cancel: no endpoint, documented or in the MCP. Events: the "Monitoring" WebSocket is undocumented (polled). */
    private static final Map<Capability, Support> CAPABILITIES = Support.matrix(
            EnumSet.complementOf(EnumSet.of(Capability.CANCEL, Capability.DELETE, Capability.EVENTS)),
            EnumSet.noneOf(Capability.class));

    private static final int APPS_PAGE_SIZE = 100;

    private final ProviderConnection connection;
    private final DooorClient client;
    private final DooorTraffic traffic;
    private final DooorListing listing;
    private final DooorRuntime runtime;

    DooorAdapter(ProviderConnection connection, DooorClient client) {
        this.connection = connection;
        this.client = client;
        this.traffic = new DooorTraffic(client);
        this.listing = new DooorListing(client);
        this.runtime = new DooorRuntime(client);
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
        return client.listApps(1, APPS_PAGE_SIZE)
                .expand(node -> {
                    DooorJson.PageOf page = DooorJson.read(node, DooorJson.PageOf.class);
                    int next = DooorListing.nextPage(page);
                    return next > 0 ? client.listApps(next, APPS_PAGE_SIZE) : Mono.empty();
                })
                .concatMapIterable(node -> DooorListing.items(DooorJson.read(node, DooorJson.PageOf.class)))
                .map(DooorAdapter::toApp)
                .collectList();
    }

    private static App toApp(JsonNode node) {
        DooorJson.WireApp app = DooorJson.read(node, DooorJson.WireApp.class);
        if (app.id() == null) {
            throw new ProviderException.BadResponse("Dooor answered an app without an id", null, null);
        }
        return new App(app.id(), app.name() == null ? app.id() : app.name(), null, DooorJson.APP_RAW.keep(node));
    }

    /**
     * All four, one kind at a time: {@code gitBranch}/{@code gitCommitSha} (documented), or a {@code source} of
     * type {@code IMAGE} ({@code imageRef}) or {@code UPLOAD} ({@code uploadId}), as the official MCP client sends.
     */
    @Override
    public Set<SourceField> sourceFields() {
        return EnumSet.allOf(SourceField.class);
    }

    /** See {@link DooorTrigger}: git, an image or an upload; what Dooor would ignore is refused first. */
    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return Mono.fromCallable(() -> DooorTrigger.of(request))
                .flatMap(client::trigger)
                .map(DooorDeploymentMapping::toDeployment);
    }

    /** Page-based (see {@link DooorListing}). */
    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return listing.page(appId, pageToken, limit);
    }

    /**
     * One deployment. A succeeded one is {@code live} when its revision serves traffic ({@code trafficPercent >
     * 0}): one more call, and {@code live} stays null when the revisions cannot be read.
     */
    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return client.getDeployment(deploymentId).flatMap(node -> {
            Deployment deployment = DooorDeploymentMapping.toDeployment(node);
            String revision = DooorDeploymentMapping.revisionName(node);
            if (deployment.status() != Status.SUCCEEDED
                    || revision == null
                    || deployment.appId().isEmpty()) {
                return Mono.just(deployment);
            }
            return client.revisions(deployment.appId())
                    .map(revisions -> deployment.toBuilder()
                            .live(DooorTraffic.servesTraffic(revisions, revision))
                            .build())
                    .onErrorResume(ProviderException.class, unreadable -> Mono.just(deployment));
        });
    }

    /** Dooor's log endpoint has no tail: the last lines are kept here. */
    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        Mono<List<LogLine>> lines = client.logs(deploymentId).map(node -> {
            List<String> logs = DooorJson.read(node, DooorJson.LogList.class).logs();
            return logs == null
                    ? List.<LogLine>of()
                    : logs.stream().map(DooorDeploymentMapping::toLogLine).toList();
        });
        Mono<Deployment> deployment = client.getDeployment(deploymentId).map(DooorDeploymentMapping::toDeployment);
        return Mono.zip(lines, deployment).map(both -> {
            List<LogLine> all = both.getT1();
            List<LogLine> kept =
                    tail == null || tail >= all.size() ? all : all.subList(all.size() - Math.max(0, tail), all.size());
            return new Logs(kept, both.getT2().terminal());
        });
    }

    /** See {@link DooorRuntime}. */
    @Override
    public Mono<RuntimeHealth> runtime(String deploymentId) {
        return runtime.health(deploymentId);
    }

    /**
     * Native: Dooor re-deploys the target's image as a new deployment naming it in {@code rolledBackFrom}. Dooor
     * answers 400 for a target that did not succeed: that is the target's state, so a conflict.
     */
    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return client.rollback(deploymentId)
                .map(node -> {
                    Deployment created = DooorDeploymentMapping.toDeployment(node);
                    return created.toBuilder()
                            .kind(Kind.ROLLBACK)
                            .rollbackOf(created.rollbackOf() != null ? created.rollbackOf() : deploymentId)
                            .build();
                })
                .onErrorMap(
                        error -> error instanceof ProviderException.InvalidRequest invalid
                                && invalid.upstreamStatus().orElse(0) == 400,
                        error -> new ProviderException.Conflict(error.getMessage(), 400));
    }

    /**
     * Dooor promotes revisions, not environments: the deployment's revision gets 100% of the app's traffic
     * (see {@link DooorTraffic#promote}).
     */
    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return traffic.promote(deploymentId);
    }

    /** See {@link DooorRuntime}: 0–10, checked before any call. */
    @Override
    public Mono<ScaleResult> scale(String appId, int replicas) {
        return runtime.scale(appId, replicas);
    }

    @Override
    public Mono<List<Revision>> revisions(String appId) {
        return traffic.revisions(appId);
    }

    @Override
    public Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        return traffic.setTraffic(appId, splits);
    }

    /** What a trigger, rollback or promote did when its answer was lost (see {@link DooorOutcomes}). */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return new DooorOutcomes(this, client).find(creation, sentAt);
    }

    /** The app's replicas as {@link #scale} sets them (see {@link DooorOutcomes}). */
    @Override
    public Mono<Integer> replicas(String appId) {
        return new DooorOutcomes(this, client).replicas(appId);
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.fromSupplier(client::authHeaders);
    }

    @Override
    public String toString() {
        return "DooorAdapter[connection=" + connection.id() + ", baseUrl=" + connection.baseUrl() + "]";
    }
}
