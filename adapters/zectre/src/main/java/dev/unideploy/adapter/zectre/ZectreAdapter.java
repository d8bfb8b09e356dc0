package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.ScaleResult;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TriggerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Zectre Platform deployments, normalised. Stateless: ids are Zectre's deployment uuids. */
final class ZectreAdapter implements ProviderAdapter {

    /** Rollback is emulated: no endpoint, so an earlier deployment's image/artifact is deployed again. */
    private static final Map<Capability, Support> CAPABILITIES = Support.matrix(
            EnumSet.complementOf(
                    EnumSet.of(Capability.ROLLBACK, Capability.DELETE, Capability.REVISIONS, Capability.TRAFFIC)),
            EnumSet.of(Capability.ROLLBACK));

    private static final int APPS_PAGE_SIZE = 100;

    private final ProviderConnection connection;
    private final ZectreClient client;
    private final Duration statusPollInterval;
    private final ZectreReleases releases;

    ZectreAdapter(ProviderConnection connection, ZectreClient client, Duration statusPollInterval) {
        this.connection = connection;
        this.client = client;
        this.statusPollInterval = statusPollInterval;
        this.releases = new ZectreReleases(
                client, this::getDeployment, (appId, pageSize) -> listDeployments(appId, null, pageSize));
    }

    @Override
    public ProviderConnection connection() {
        return connection;
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return CAPABILITIES;
    }

    /** {@code GET /apps?page=&page_size=100}, page after page until {@code total} is reached. */
    @Override
    public Mono<List<App>> listApps() {
        return client.listApps(1, APPS_PAGE_SIZE)
                .map(node -> ZectreJson.read(node, ZectreJson.AppList.class))
                .expand(page -> hasNextAppPage(page)
                        ? client.listApps(currentPage(page) + 1, APPS_PAGE_SIZE)
                                .map(node -> ZectreJson.read(node, ZectreJson.AppList.class))
                        : Mono.empty())
                .concatMapIterable(page -> page.data() == null ? List.<JsonNode>of() : page.data())
                .map(ZectreAdapter::toApp)
                .collectList();
    }

    private static int currentPage(ZectreJson.AppList page) {
        return page.page() == null ? 1 : page.page();
    }

    private static boolean hasNextAppPage(ZectreJson.AppList page) {
        return page.data() != null
                && !page.data().isEmpty()
                && page.total() != null
                && (long) currentPage(page) * APPS_PAGE_SIZE < page.total();
    }

    private static App toApp(JsonNode node) {
        ZectreJson.WireApp app = ZectreJson.read(node, ZectreJson.WireApp.class);
        if (app.id() == null) {
            throw new ProviderException.BadResponse("Zectre answered an app without an id", null, null);
        }
        String name = app.name() != null ? app.name() : app.slug() != null ? app.slug() : app.id();
        return new App(app.id(), name, null, ZectreJson.APP_RAW.keep(node));
    }

    /**
     * All four, one kind at a time: a branch or commit ({@code ref}) goes through the git trigger, an image or an
     * artifact makes a new deployment ({@code POST /apps/{app}/deployments}).
     */
    @Override
    public Set<SourceField> sourceFields() {
        return EnumSet.allOf(SourceField.class);
    }

    /**
     * An image deploys as {@code process_type: docker}, an artifact as {@code tish}; a branch or commit goes
     * through the git trigger (which blocks while Zectre builds); nothing at all creates a deployment that waits
     * for a build. Without an environment, Zectre applies its own default ({@code development}). What one call
     * cannot take together is refused, naming the field that would be ignored.
     */
    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        Source source = request.source();
        if (source.image() != null && source.artifactId() != null) {
            return Mono.error(new ProviderException.InvalidRequest(
                    "Zectre deploys an image or an artifact, not both", SourceField.ARTIFACT_ID.path(), null));
        }
        boolean git = source.branch() != null || source.commitSha() != null;
        if (git && (source.image() != null || source.artifactId() != null)) {
            SourceField ignored = source.branch() != null ? SourceField.BRANCH : SourceField.COMMIT_SHA;
            return Mono.error(new ProviderException.InvalidRequest(
                    "Zectre builds a branch or commit (git trigger) or deploys an image or artifact, not both",
                    ignored.path(),
                    null));
        }
        if (git) {
            return client.triggerGit(
                            request.appId(),
                            new ZectreJson.GitTrigger(source.branch(), source.commitSha(), request.environment()))
                    .flatMap(answer -> getDeployment(ZectreJson.createdId(answer)));
        }
        return client.createDeployment(request.appId(), request.environment(), source.image(), source.artifactId())
                .map(ZectreDeploymentMapping::toDeployment);
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        int pageSize = Math.max(1, Math.min(100, limit));
        return client.listDeployments(appId, pageToken, pageSize).map(node -> {
            ZectreJson.DeploymentList list = ZectreJson.read(node, ZectreJson.DeploymentList.class);
            List<Deployment> items = new ArrayList<>();
            if (list.deployments() != null) {
                ZectreDeploymentMapping.newestFirst(list.deployments()).forEach(item -> {
                    Deployment deployment = ZectreDeploymentMapping.toDeployment(item);
                    // a row without app_id belongs to the app asked for
                    items.add(
                            deployment.appId().isEmpty()
                                    ? deployment.toBuilder().appId(appId).build()
                                    : deployment);
                });
            }
            String next = list.nextPageToken();
            // Zectre's cursor is a version number; it passes through as our page token.
            return new DeploymentPage(items, next == null || next.isBlank() || items.isEmpty() ? null : next);
        });
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return client.getDeployment(deploymentId).map(ZectreDeploymentMapping::toDeployment);
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        // Zectre's logs endpoint has no tail parameter: the last lines are kept here.
        Mono<List<LogLine>> lines = client.logs(deploymentId).map(ZectreAdapter::toLogLines);
        return Mono.zip(lines, getDeployment(deploymentId)).map(both -> {
            List<LogLine> all = both.getT1();
            List<LogLine> kept =
                    tail == null || tail >= all.size() ? all : all.subList(all.size() - Math.max(0, tail), all.size());
            return new Logs(kept, both.getT2().terminal());
        });
    }

    static List<LogLine> toLogLines(JsonNode node) {
        JsonNode entries = node.isArray() ? node : node.path("logs");
        if (!entries.isArray()) {
            throw new ProviderException.BadResponse("Zectre answered logs that are not an array", null, null);
        }
        List<LogLine> lines = new ArrayList<>();
        entries.forEach(entry -> lines.add(ZectreDeploymentMapping.toLogLine(entry)));
        return lines;
    }

    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return client.cancel(deploymentId).map(ZectreDeploymentMapping::toDeployment);
    }

    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return new ZectreEventStream(client, this::getDeployment, statusPollInterval).events(deploymentId);
    }

    /** From the deployment's live task counts ({@code tasks_ready}/{@code tasks_total}). */
    @Override
    public Mono<RuntimeHealth> runtime(String deploymentId) {
        return client.getDeployment(deploymentId).map(node -> {
            ZectreJson.WireDeployment wire = ZectreJson.read(node, ZectreJson.WireDeployment.class);
            int ready = wire.tasksReady() == null ? 0 : wire.tasksReady();
            int total = wire.tasksTotal() == null ? 0 : wire.tasksTotal();
            return new RuntimeHealth(ready, total, wire.status(), List.of());
        });
    }

    /** Emulated: a new deployment of the target's image or artifact (see {@link ZectreReleases#rollback}). */
    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return releases.rollback(deploymentId);
    }

    @Override
    public Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return releases.promote(deploymentId, request);
    }

    /** Patches the app's live deployment (see {@link ZectreReleases#scale}). */
    @Override
    public Mono<ScaleResult> scale(String appId, int replicas) {
        return releases.scale(appId, replicas);
    }

    /** The deployment a write made when its answer was lost (see {@link ZectreOutcomes}). */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return new ZectreOutcomes(this).find(creation, sentAt);
    }

    /** The replicas of the app's live deployment, as {@link #scale} sets them (see {@link ZectreOutcomes}). */
    @Override
    public Mono<Integer> replicas(String appId) {
        return new ZectreOutcomes(this).replicas(appId);
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.fromSupplier(client::authHeaders);
    }

    @Override
    public String toString() {
        return "ZectreAdapter[connection=" + connection.id() + ", baseUrl=" + connection.baseUrl() + "]";
    }
}
