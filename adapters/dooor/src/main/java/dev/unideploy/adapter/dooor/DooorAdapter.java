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
import java.util.ArrayList;
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

    static final int MAX_REPLICAS = 10;
    private static final int APPS_PAGE_SIZE = 100;

    private final ProviderConnection connection;
    private final DooorClient client;
    private final DooorTraffic traffic;

    DooorAdapter(ProviderConnection connection, DooorClient client) {
        this.connection = connection;
        this.client = client;
        this.traffic = new DooorTraffic(client);
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
                    int next = nextPage(page);
                    return next > 0 ? client.listApps(next, APPS_PAGE_SIZE) : Mono.empty();
                })
                .concatMapIterable(node -> items(DooorJson.read(node, DooorJson.PageOf.class)))
                .map(DooorAdapter::toApp)
                .collectList();
    }

    private static App toApp(JsonNode node) {
        DooorJson.WireApp app = DooorJson.read(node, DooorJson.WireApp.class);
        if (app.id() == null) {
            throw new ProviderException.BadResponse("Dooor answered an app without an id", null, null);
        }
        return new App(app.id(), app.name() == null ? app.id() : app.name(), null, node);
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
                .map(DooorDeployments::toDeployment);
    }

    /**
     * Page-based. A page number only means the same items again with the same page size, so the token carries both
     * ({@code <page>x<size>}): a token is read with the size it was made with, whatever {@code limit} is now.
     */
    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        int[] pageAndSize = pageToken == null ? new int[] {1, Math.max(1, Math.min(100, limit))} : fromToken(pageToken);
        if (pageAndSize == null) {
            return Mono.error(new ProviderException.InvalidRequest("not a Dooor page token", "pageToken", null));
        }
        int current = pageAndSize[0];
        int pageSize = pageAndSize[1];
        return client.listDeployments(appId, current, pageSize).map(node -> {
            DooorJson.PageOf list = DooorJson.read(node, DooorJson.PageOf.class);
            List<Deployment> deployments = new ArrayList<>();
            // Dooor's list rows may leave out appId (its docs' example does): it is the app asked for.
            DooorDeployments.newestFirst(items(list))
                    .forEach(item -> deployments.add(withAppId(DooorDeployments.toDeployment(item), appId)));
            int next = nextPage(list);
            return new DeploymentPage(deployments, next > current ? next + "x" + pageSize : null);
        });
    }

    /** {@code <page>x<size>} as {page, size}; null if it is not such a token. */
    private static int @Nullable [] fromToken(String token) {
        int x = token.indexOf('x');
        try {
            int page = Integer.parseInt(token.substring(0, Math.max(0, x)));
            int size = Integer.parseInt(token.substring(x + 1));
            return page >= 1 && size >= 1 && size <= 100 ? new int[] {page, size} : null;
        } catch (NumberFormatException | IndexOutOfBoundsException notOurs) {
            return null;
        }
    }

    private static Deployment withAppId(Deployment deployment, String appId) {
        return deployment.appId().isEmpty()
                ? deployment.toBuilder().appId(appId).build()
                : deployment;
    }

    private static List<JsonNode> items(DooorJson.PageOf page) {
        return page.data() == null ? List.of() : page.data();
    }

    /** The next page number, or 0 on the last page. */
    private static int nextPage(DooorJson.PageOf page) {
        DooorJson.Meta meta = page.meta();
        if (meta == null
                || meta.page() == null
                || meta.totalPages() == null
                || items(page).isEmpty()) {
            return 0;
        }
        return meta.page() < meta.totalPages() ? meta.page() + 1 : 0;
    }

    /**
     * One deployment. A succeeded one is {@code live} when its revision serves traffic ({@code trafficPercent >
     * 0}): one more call, and {@code live} stays null when the revisions cannot be read.
     */
    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return client.getDeployment(deploymentId).flatMap(node -> {
            Deployment deployment = DooorDeployments.toDeployment(node);
            String revision = DooorDeployments.revisionName(node);
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
                    : logs.stream().map(DooorDeployments::toLogLine).toList();
        });
        Mono<Deployment> deployment = client.getDeployment(deploymentId).map(DooorDeployments::toDeployment);
        return Mono.zip(lines, deployment).map(both -> {
            List<LogLine> all = both.getT1();
            List<LogLine> kept =
                    tail == null || tail >= all.size() ? all : all.subList(all.size() - Math.max(0, tail), all.size());
            return new Logs(kept, both.getT2().terminal());
        });
    }

    /** Dooor's Kubernetes runtime status; conditions read {@code Type=Status} (plus the message, if any). */
    @Override
    public Mono<RuntimeHealth> runtime(String deploymentId) {
        return client.runtimeStatus(deploymentId).map(node -> {
            DooorJson.RuntimeStatus status = DooorJson.read(node, DooorJson.RuntimeStatus.class);
            List<String> conditions = new ArrayList<>();
            if (status.conditions() != null) {
                for (DooorJson.Condition condition : status.conditions()) {
                    conditions.add(condition.type() + "=" + condition.status()
                            + (condition.message() == null ? "" : ": " + condition.message()));
                }
            }
            return new RuntimeHealth(
                    status.ready() == null ? 0 : status.ready(),
                    status.total() == null ? 0 : status.total(),
                    status.phase(),
                    conditions);
        });
    }

    /**
     * Native: Dooor re-deploys the target's image as a new deployment naming it in {@code rolledBackFrom}. Dooor
     * answers 400 for a target that did not succeed: that is the target's state, so a conflict.
     */
    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return client.rollback(deploymentId)
                .map(node -> {
                    Deployment created = DooorDeployments.toDeployment(node);
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

    /** {@code replicas} 0–10, checked before any call (Dooor's own range; an HPA may override it later). */
    @Override
    public Mono<ScaleResult> scale(String appId, int replicas) {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            return Mono.error(new ProviderException.InvalidRequest(
                    "replicas must be between 0 and " + MAX_REPLICAS + " on Dooor", "replicas", null));
        }
        return client.scale(new DooorJson.Scale(appId, replicas)).map(node -> {
            DooorJson.ScaleAnswer answer = DooorJson.read(node, DooorJson.ScaleAnswer.class);
            return new ScaleResult(
                    appId,
                    answer.requestedReplicas() == null ? replicas : answer.requestedReplicas(),
                    answer.currentReplicas(),
                    answer.status());
        });
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
