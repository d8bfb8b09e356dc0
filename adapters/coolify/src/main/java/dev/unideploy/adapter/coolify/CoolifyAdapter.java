package dev.unideploy.adapter.coolify;

import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Creation;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Progress;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
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

/** Coolify v4 behind the port: deployments are queue rows addressed by their {@code deployment_uuid}. */
final class CoolifyAdapter implements ProviderAdapter {

    static final String ALREADY_QUEUED = "Deployment already queued for this commit.";
    private static final Map<Capability, Support> CAPABILITIES = capabilityMap();

    private final ProviderConnection connection;
    private final CoolifyClient client;

    CoolifyAdapter(ProviderConnection connection, CoolifyClient client) {
        this.connection = connection;
        this.client = client;
    }

    private static Map<Capability, Support> capabilityMap() {
        // EVENTS: the REST API has no stream; the gateway polls.
        return Support.matrix(
                EnumSet.of(
                        Capability.APPS,
                        Capability.TRIGGER,
                        Capability.LIST,
                        Capability.GET,
                        Capability.CANCEL,
                        Capability.LOGS,
                        Capability.ROLLBACK),
                EnumSet.noneOf(Capability.class));
    }

    @Override
    public ProviderConnection connection() {
        return connection;
    }

    @Override
    public Map<Capability, Support> capabilities() {
        return CAPABILITIES;
    }

    /**
     * None: {@code POST /deploy} takes {@code uuid}, {@code force}, {@code pr} and {@code docker_tag} (pull requests
     * only) — it always deploys the application's configured branch at its latest commit.
     */
    @Override
    public Set<SourceField> sourceFields() {
        return Set.of();
    }

    @Override
    public Mono<List<App>> listApps() {
        return client.applications().map(array -> {
            List<App> apps = new ArrayList<>();
            for (JsonNode node : array) {
                CoolifyJson.Application app = CoolifyJson.read(node, CoolifyJson.Application.class);
                apps.add(new App(
                        app.uuid(),
                        app.name() == null ? app.uuid() : app.name(),
                        app.environmentName(),
                        CoolifyJson.APP_RAW.keep(node)));
            }
            return List.copyOf(apps);
        });
    }

    /**
     * Coolify dedupes a deploy of a commit already queued: it says so and returns a freshly generated uuid that is
     * never stored. Then (or when the first read of the uuid is a 404) we adopt the app's queued or running row.
     */
    @Override
    public Mono<Deployment> trigger(TriggerRequest request) {
        return client.deploy(request.appId(), request.force()).flatMap(answer -> {
            JsonNode first = answer.path("deployments").path(0);
            String uuid = CoolifyJson.text(first, "deployment_uuid");
            String message = CoolifyJson.text(first, "message");
            if (uuid == null
                    || ALREADY_QUEUED.equalsIgnoreCase(String.valueOf(message).trim())) {
                return adoptRunning(request.appId());
            }
            return client.deployment(uuid)
                    .map(row -> CoolifyDeploymentMapping.toDeployment(row, request.appId()))
                    .onErrorResume(ProviderException.NotFound.class, phantom -> adoptRunning(request.appId()));
        });
    }

    private Mono<Deployment> adoptRunning(String appUuid) {
        return client.running()
                .flatMap(rows -> {
                    for (JsonNode node : rows) {
                        CoolifyJson.Row row = CoolifyJson.read(node, CoolifyJson.Row.class);
                        if (appUuid.equals(CoolifyDeploymentMapping.appUuidOf(row))
                                || appUuid.equals(row.applicationId())) {
                            return Mono.just(CoolifyDeploymentMapping.toDeployment(node, appUuid));
                        }
                    }
                    // It may have finished already: the newest row of the app.
                    return client.deploymentsOf(appUuid, 0, 1)
                            .flatMap(page -> Mono.justOrEmpty(rowsOf(page).stream()
                                    .findFirst()
                                    .map(node -> CoolifyDeploymentMapping.toDeployment(node, appUuid))));
                })
                .switchIfEmpty(Mono.error(() -> new ProviderException.BadResponse(
                        "Coolify deduplicated the deploy but no deployment of the app was found", null, null)));
    }

    @Override
    public Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit) {
        int skip;
        try {
            skip = pageToken == null ? 0 : Integer.parseInt(pageToken);
        } catch (NumberFormatException e) {
            return Mono.error(new ProviderException.InvalidRequest("malformed page token", "cursor", null));
        }
        if (skip < 0 || limit < 1 || limit > 100) {
            return Mono.error(new ProviderException.InvalidRequest("page out of range", "limit", null));
        }
        return client.deploymentsOf(appId, skip, limit).map(page -> {
            List<JsonNode> rows = CoolifyDeploymentMapping.newestFirst(rowsOf(page));
            List<Deployment> items = rows.stream()
                    .map(node -> CoolifyDeploymentMapping.toDeployment(node, appId))
                    .toList();
            int count = page.path("count").asInt(-1);
            boolean more = count >= 0 ? skip + rows.size() < count : rows.size() == limit;
            return new DeploymentPage(items, more && !rows.isEmpty() ? String.valueOf(skip + rows.size()) : null);
        });
    }

    /** {@code {count, deployments}}; a bare array (as the spec has it) is tolerated. */
    private static List<JsonNode> rowsOf(JsonNode page) {
        JsonNode rows = page.isArray() ? page : page.path("deployments");
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }

    @Override
    public Mono<Deployment> getDeployment(String deploymentId) {
        return client.deployment(deploymentId).map(row -> CoolifyDeploymentMapping.toDeployment(row, null));
    }

    @Override
    public Mono<Logs> logs(String deploymentId, @Nullable Integer tail) {
        return client.deployment(deploymentId).map(row -> {
            List<LogLine> lines = CoolifyDeploymentMapping.toLogLines(row);
            if (tail != null && tail >= 0 && lines.size() > tail) {
                lines = lines.subList(lines.size() - tail, lines.size());
            }
            boolean terminal = CoolifyStatusMapping.toLifecycle(String.valueOf(CoolifyJson.text(row, "status")))
                    .terminal();
            return new Logs(lines, terminal);
        });
    }

    /** One read for a poll: Coolify's deployment row holds its log. */
    @Override
    public Mono<Progress> progress(String deploymentId) {
        return client.deployment(deploymentId)
                .map(row -> new Progress(
                        CoolifyDeploymentMapping.toDeployment(row, null), CoolifyDeploymentMapping.toLogLines(row)));
    }

    /** Coolify answers 400 when the deployment is no longer queued or in progress: a conflict. */
    @Override
    public Mono<Deployment> cancel(String deploymentId) {
        return client.cancel(deploymentId)
                .onErrorMap(
                        error -> error instanceof ProviderException.InvalidRequest invalid
                                && invalid.upstreamStatus().orElse(0) == 400,
                        error -> new ProviderException.Conflict(error.getMessage(), 400))
                .then(getDeployment(deploymentId));
    }

    /** Rollback by commit: the target's commit is redeployed as a new deployment with {@code rollback: true}. */
    @Override
    public Mono<Deployment> rollback(String deploymentId) {
        return client.deployment(deploymentId).flatMap(node -> {
            CoolifyJson.Row target = CoolifyJson.read(node, CoolifyJson.Row.class);
            String appUuid = CoolifyDeploymentMapping.appUuidOf(target);
            if (target.commit() == null || target.commit().isBlank() || appUuid == null) {
                return Mono.error(new ProviderException.InvalidRequest(
                        "the target deployment has no commit to roll back to", "id", null));
            }
            return client.rollback(appUuid, target.commit()).flatMap(answer -> {
                String uuid = CoolifyJson.text(answer, "deployment_uuid");
                if (uuid == null) {
                    return Mono.error(new ProviderException.BadResponse(
                            "Coolify queued a rollback without a deployment_uuid", null, null));
                }
                return client.deployment(uuid)
                        .map(row -> CoolifyDeploymentMapping.toDeployment(row, appUuid).toBuilder()
                                .kind(Kind.ROLLBACK)
                                .rollbackOf(deploymentId)
                                .build());
            });
        });
    }

    /** The row a deploy or rollback made, when its answer was lost (see {@link CoolifyOutcomes}). */
    @Override
    public Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        return new CoolifyOutcomes(client).find(creation, sentAt);
    }

    @Override
    public Mono<Map<String, String>> authHeaders() {
        return Mono.fromSupplier(client::authHeaders);
    }

    @Override
    public String toString() {
        return "CoolifyAdapter[" + connection.id() + "]";
    }
}
