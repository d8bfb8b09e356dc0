package dev.unideploy.adapter.dokploy;

import dev.unideploy.adapter.dokploy.DokployDeploymentMapping.Found;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderConnection;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A deployment's live events: its status by polling (the socket never says it), its log lines from the {@code
 * /listen-deployment} WebSocket once the row and its {@code logPath} exist. Completes at the first terminal status,
 * closing the socket: Dokploy never does. The id keeps resolving after Dokploy renames the row.
 */
final class DokployEvents {

    private final ProviderConnection connection;
    private final DokployClient client;
    private final DokployLookup lookup;
    private final Function<String, Mono<Logs>> logs;
    private final Duration poll;

    DokployEvents(
            ProviderConnection connection,
            DokployClient client,
            DokployLookup lookup,
            Function<String, Mono<Logs>> logs,
            Duration poll) {
        this.connection = connection;
        this.client = client;
        this.lookup = lookup;
        this.logs = logs;
        this.poll = poll;
    }

    Flux<DeploymentEvent> of(DokployId id) {
        return lookup.resolve(id).flatMapMany(first -> first.deployment().terminal() ? replay(first) : live(id));
    }

    /** A finished deployment: its log, then its status. */
    private Flux<DeploymentEvent> replay(Found found) {
        return logs.apply(found.deployment().id())
                .flatMapIterable(Logs::items)
                .<DeploymentEvent>map(DeploymentEvent.Log::new)
                .concatWith(Mono.just(new DeploymentEvent.StatusChanged(found.deployment())));
    }

    private Flux<DeploymentEvent> live(DokployId id) {
        Flux<Found> polls = Flux.interval(Duration.ZERO, poll)
                .onBackpressureDrop()
                .concatMap(tick -> lookup.resolve(id))
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
}
