package dev.unideploy.adapter.mist;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.MemoryPages;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
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

/** Mist behind the port: deployments found again through their app (ids {@code <appId>.<deploymentId>}). */
final class MistAdapter implements ProviderAdapter {

    /** How long the logs of a running deployment are gathered from the stream before answering. */
    static final Duration STREAM_QUIET = Duration.ofMillis(700);

    static final Duration STREAM_MAX = Duration.ofSeconds(3);
    private static final Map<Capability, Support> CAPABILITIES = capabilityMap();

    private final ProviderConnection connection;
    private final MistClient client;
    private final Duration streamIdle;

    MistAdapter(ProviderConnection connection, MistClient client) {
        this(connection, client, MistStream.IDLE);
    }

    /** @param streamIdle how long a live stream may carry nothing (not even a ping) before it counts as dead */
    MistAdapter(ProviderConnection connection, MistClient client, Duration streamIdle) {
        this.connection = connection;
        this.client = client;
        this.streamIdle = streamIdle;
    }

    private static Map<Capability, Support> capabilityMap() {
        // GET is emulated: no get-one endpoint, found in the app's list.
        return Support.matrix(
                EnumSet.of(
                        Capability.APPS,
                        Capability.TRIGGER,
                        Capability.LIST,
                        Capability.LOGS,
                        Capability.EVENTS,
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

    /** None: {@code POST /deployments} takes {@code {"appId"}} only and deploys the latest commit it fetches. */
    @Override
    public Set<SourceField> sourceFields() {
        return Set.of();
    }

    /** Mist lists apps per project: {@code projects/getAll}, then {@code apps/getByProjectId} for each. */
    @Override
    public Mono<List<App>> listApps() {
        return client.projects()
                .flatMapMany(Flux::fromIterable)
                .concatMap(project -> {
                    MistJson.Named named = MistJson.read(project, MistJson.Named.class);
                    return client.appsOf(named.id())
                            .flatMapMany(Flux::fromIterable)
                            .map(MistAdapter::toApp);
                })
                .collectList();
    }

    private static App toApp(JsonNode node) {
        MistJson.Named app = MistJson.read(node, MistJson.Named.class);
        String id = Long.toString(app.id());
        return new App(id, app.name() == null ? id : app.name(), null, MistJson.APP_RAW.keep(node));
    }

    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return Mono.defer(() -> {
            long appId = MistId.parseApp(request.appId());
            return client.deploy(appId).map(node -> MistDeploymentMapping.toDeployment(node, appId));
        });
    }

    /** Mist has no paging: pages of the whole list, the token is an offset (ties order by a number not kept). */
    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        return Mono.defer(() -> {
            long app = MistId.parseApp(appId);
            MemoryPages.check(pageToken, limit, MemoryPages.offset());
            return client.deploymentsOf(app).map(rows -> {
                List<JsonNode> listed = new ArrayList<>();
                rows.forEach(listed::add);
                List<Deployment> all = new ArrayList<>();
                MistDeploymentMapping.newestFirst(listed)
                        .forEach(row -> all.add(MistDeploymentMapping.toDeployment(row, app)));
                return MemoryPages.page(all, pageToken, limit, MemoryPages.offset());
            });
        });
    }

    /** Emulated: Mist has no get-one; the deployment is found in its app's list. */
    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return Mono.defer(() -> {
            MistId id = MistId.parse(deploymentId);
            return client.deploymentsOf(id.appId()).flatMap(rows -> {
                for (JsonNode row : rows) {
                    if (row.path("id").asLong(-1) == id.deploymentId()) {
                        return Mono.just(MistDeploymentMapping.toDeployment(row, id.appId()));
                    }
                }
                return Mono.error(new ProviderException.NotFound("Mist has no deployment " + id, null));
            });
        });
    }

    /**
     * Mist serves a log file only once the deployment is finished; before that, the lines so far are read from
     * the stream (gathered until it is quiet for a moment) and answered as incomplete. Either way the lines are
     * decoded alike ({@link MistLogLines}), so the live stream and the finished log count the same lines.
     */
    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return getDeployment(deploymentId).flatMap(deployment -> {
            MistId id = MistId.parse(deploymentId);
            Mono<List<LogLine>> lines = deployment.terminal()
                    ? client.logs(id.deploymentId())
                            .map(data -> {
                                String text = MistJson.text(data, "logs");
                                return text == null ? "" : text;
                            })
                            .map(MistLogLines::ofFile)
                            .onErrorResume(ProviderException.NotFound.class, noFile -> Mono.just(List.of()))
                    : frames(id)
                            .mapNotNull(text -> MistDeploymentMapping.toEvent(text, deployment)
                                    .filter(DeploymentEvent.Log.class::isInstance)
                                    .map(event -> ((DeploymentEvent.Log) event).line())
                                    .orElse(null))
                            .timeout(STREAM_QUIET, Flux.empty())
                            .take(STREAM_MAX)
                            .collectList()
                            // Lines so far are best effort: an unreachable stream answers none, still incomplete.
                            .onErrorResume(ProviderException.class, unreachable -> Mono.just(List.of()));
            return lines.map(all -> new Logs(tail(all, tail), deployment.terminal()));
        });
    }

    private static List<LogLine> tail(List<LogLine> lines, @Nullable Integer tail) {
        return tail != null && tail >= 0 && lines.size() > tail
                ? lines.subList(lines.size() - tail, lines.size())
                : lines;
    }

    /** {@code stopDep}; a finished deployment cannot be stopped (conflict, nothing sent). */
    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return getDeployment(deploymentId).flatMap(deployment -> {
            if (deployment.terminal()) {
                return Mono.error(new ProviderException.Conflict(
                        "the deployment is already " + deployment.lifecycle().providerStatus(), null));
            }
            return client.stop(MistId.parse(deploymentId).deploymentId()).then(getDeployment(deploymentId));
        });
    }

    /** The WebSocket stream (see {@link MistEvents}). */
    @Override
    public Flux<DeploymentEvent> events(String deploymentId) {
        return new MistEvents(this).events(deploymentId);
    }

    Flux<String> frames(MistId id) {
        return MistStream.texts(
                connection,
                client.streamUri(id.deploymentId()),
                connection.uri("/deployments/logs/stream?id=" + id.deploymentId()),
                streamIdle);
    }

    /** The deployment a trigger made when its answer was lost (see {@link MistOutcomes}). */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return new MistOutcomes(client).find(creation, sentAt);
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return client.authHeaders();
    }

    @Override
    public String toString() {
        return "MistAdapter[" + connection.id() + "]";
    }
}
