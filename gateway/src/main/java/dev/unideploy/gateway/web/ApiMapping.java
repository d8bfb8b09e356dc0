package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.App;
import dev.unideploy.gateway.api.model.Deployment;
import dev.unideploy.gateway.api.model.DeploymentKind;
import dev.unideploy.gateway.api.model.DeploymentLinks;
import dev.unideploy.gateway.api.model.DeploymentPhase;
import dev.unideploy.gateway.api.model.DeploymentSource;
import dev.unideploy.gateway.api.model.DeploymentStatus;
import dev.unideploy.gateway.api.model.LogLine;
import dev.unideploy.gateway.api.model.LogPage;
import dev.unideploy.gateway.api.model.Revision;
import dev.unideploy.gateway.api.model.Runtime;
import dev.unideploy.gateway.api.model.ScaleResult;
import dev.unideploy.gateway.api.model.TrafficSplit;
import dev.unideploy.gateway.audit.TriggeredBy;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.spi.Kind;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.Phase;
import dev.unideploy.spi.RuntimeHealth;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates the port's records into the generated API models (the only place that knows both). The port's App,
 * Deployment, LogLine, Revision, ScaleResult and TrafficSplit share their simple names with the imported
 * API models, so they are written {@code dev.unideploy.spi.X} in full.
 */
final class ApiMapping {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JsonMapper json;
    private final TriggeredBy triggeredBy;

    ApiMapping(JsonMapper json) {
        this(json, TriggeredBy.NONE);
    }

    /** @param triggeredBy who made which deployment through the gateway, as far as this instance knows */
    ApiMapping(JsonMapper json, TriggeredBy triggeredBy) {
        this.json = json;
        this.triggeredBy = triggeredBy;
    }

    /** A local id as the client sees it (escaped by {@link GlobalId}); 502 when it cannot be represented. */
    static String global(String connection, String local) {
        return new GlobalId(connection, local).toString();
    }

    /** A local app id as the client sees it: also within the spec's shorter {@code AppId} limit. */
    static String globalApp(String connection, String local) {
        return new GlobalId(connection, local).asAppId();
    }

    Deployment toDeployment(Located<dev.unideploy.spi.Deployment> located, boolean includeRaw) {
        ProviderHandle provider = located.provider();
        dev.unideploy.spi.Deployment d = located.value();
        String id = global(provider.id(), d.id());
        String self = "/v1/deployments/" + id;
        Deployment deployment = new Deployment(
                        id,
                        provider.id(),
                        provider.type(),
                        globalApp(provider.id(), d.appId()),
                        toStatus(d.status()),
                        d.terminal(),
                        d.lifecycle().providerStatus(),
                        toKind(d.kind()),
                        d.emulated(),
                        new DeploymentLinks(self, self + "/logs", self + "/events"))
                .phase(toPhase(d.lifecycle().phase()))
                .progress(d.progress())
                .source(toSource(d.source()))
                .environment(d.environment())
                .rollbackOf(d.rollbackOf() == null ? null : global(provider.id(), d.rollbackOf()))
                .live(d.live())
                .createdAt(toTime(d.createdAt()))
                .startedAt(toTime(d.startedAt()))
                .finishedAt(toTime(d.finishedAt()))
                .durationSeconds(d.durationSeconds())
                .triggeredBy(triggeredBy.known(id));
        if (includeRaw && d.raw() != null) {
            deployment.setRaw(json.convertValue(d.raw(), OBJECT));
        }
        return deployment;
    }

    static DeploymentStatus toStatus(Status status) {
        return switch (status) {
            case QUEUED -> DeploymentStatus.QUEUED;
            case IN_PROGRESS -> DeploymentStatus.IN_PROGRESS;
            case SUCCEEDED -> DeploymentStatus.SUCCEEDED;
            case FAILED -> DeploymentStatus.FAILED;
            case CANCELLED -> DeploymentStatus.CANCELLED;
            case UNKNOWN -> DeploymentStatus.UNKNOWN;
        };
    }

    static Status toStatus(DeploymentStatus status) {
        return switch (status) {
            case QUEUED -> Status.QUEUED;
            case IN_PROGRESS -> Status.IN_PROGRESS;
            case SUCCEEDED -> Status.SUCCEEDED;
            case FAILED -> Status.FAILED;
            case CANCELLED -> Status.CANCELLED;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }

    private static @Nullable DeploymentPhase toPhase(@Nullable Phase phase) {
        if (phase == null) {
            return null;
        }
        return switch (phase) {
            case BUILD -> DeploymentPhase.BUILD;
            case DEPLOY -> DeploymentPhase.DEPLOY;
        };
    }

    private static DeploymentKind toKind(Kind kind) {
        return switch (kind) {
            case DEPLOY -> DeploymentKind.DEPLOY;
            case REDEPLOY -> DeploymentKind.REDEPLOY;
            case ROLLBACK -> DeploymentKind.ROLLBACK;
            case PROMOTE -> DeploymentKind.PROMOTE;
        };
    }

    private static DeploymentSource toSource(Source source) {
        return new DeploymentSource()
                .branch(source.branch())
                .commitSha(source.commitSha())
                .commitMessage(source.commitMessage())
                .image(source.image())
                .artifactId(source.artifactId());
    }

    static @Nullable OffsetDateTime toTime(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static LogLine toLogLine(dev.unideploy.spi.LogLine line) {
        LogLine.StreamEnum stream = null;
        if ("stdout".equalsIgnoreCase(line.stream())) stream = LogLine.StreamEnum.STDOUT;
        if ("stderr".equalsIgnoreCase(line.stream())) stream = LogLine.StreamEnum.STDERR;
        return new LogLine(line.message()).timestamp(toTime(line.timestamp())).stream(stream);
    }

    static LogPage toLogPage(Logs logs) {
        return new LogPage(logs.items().stream().map(ApiMapping::toLogLine).toList(), logs.complete());
    }

    static App toApp(ProviderHandle provider, dev.unideploy.spi.App app) {
        return new App(globalApp(provider.id(), app.id()), provider.id(), app.name()).environment(app.environment());
    }

    static Runtime toRuntime(RuntimeHealth runtime) {
        return new Runtime(runtime.ready(), runtime.total(), runtime.conditions()).phase(runtime.phase());
    }

    static ScaleResult toScaleResult(ProviderHandle provider, dev.unideploy.spi.ScaleResult result) {
        return new ScaleResult(globalApp(provider.id(), result.appId()), result.requestedReplicas())
                .currentReplicas(result.currentReplicas())
                .status(result.status());
    }

    static Revision toRevision(dev.unideploy.spi.Revision revision) {
        return new Revision(revision.name())
                .image(revision.image())
                .trafficPercent(revision.trafficPercent())
                .createdAt(toTime(revision.createdAt()));
    }

    static TrafficSplit toTrafficSplit(dev.unideploy.spi.TrafficSplit split) {
        return new TrafficSplit(split.revision(), split.percent()).tag(split.tag());
    }

    static dev.unideploy.spi.TrafficSplit fromTrafficSplit(TrafficSplit split) {
        return new dev.unideploy.spi.TrafficSplit(split.getRevision(), split.getPercent(), split.getTag());
    }
}
