package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.deployment.DeploymentWatcher.Snapshot;
import dev.unideploy.gateway.deployment.DeploymentWatcher.Trouble;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Polls one deployment through the {@link DeploymentService} — with its log, one {@code progress} read a tick —
 * until it is terminal. A provider failure does not end the watch: the snapshot carries it as {@link Trouble} and
 * polling goes on, until the provider has failed for longer than the outage limit (the watch then ends without a
 * terminal snapshot). A deployment that is gone (404) or a failure that is the gateway's own ends it at once.
 */
final class Poller {

    /** One tick's outcome. */
    private sealed interface Tick {
        record Read(Snapshot snapshot) implements Tick {}

        record Failed(Throwable error) implements Tick {}
    }

    private final DeploymentService service;
    private final ClientPrincipal client;
    private final GlobalId id;
    private final boolean withLogs;
    private final DeploymentWatcher.Timing timing;

    Poller(
            DeploymentService service,
            ClientPrincipal client,
            GlobalId id,
            boolean withLogs,
            DeploymentWatcher.Timing timing) {
        this.service = service;
        this.client = client;
        this.id = id;
        this.withLogs = withLogs;
        this.timing = timing;
    }

    /** Snapshots after {@code from}, each with every line of {@code from} and the new ones after them. */
    Flux<Snapshot> poll(Snapshot from) {
        return Flux.interval(timing.pollInterval(), timing.pollInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> read().<Tick>map(Tick.Read::new)
                                .onErrorResume(Poller::worthRidingOut, error -> Mono.just(new Tick.Failed(error))),
                        1)
                .scan(from, Poller::next)
                .skip(1)
                .takeUntil(snapshot -> snapshot.terminal() || givenUp(snapshot));
    }

    /**
     * The last snapshot of a terminal deployment, read again: what a GET shows, and lines a stream may have missed at
     * its very end. If that read fails, {@code from} as it is.
     */
    Mono<Snapshot> finish(Snapshot from) {
        return service.progress(client, id)
                .map(progress -> new Snapshot(
                        progress.value().deployment().terminal()
                                ? new Located<>(
                                        progress.provider(), progress.value().deployment())
                                : from.deployment(),
                        longer(from.logs(), progress.value().logs()),
                        null))
                .onErrorReturn(from);
    }

    private Mono<Snapshot> read() {
        if (!withLogs) {
            return service.get(client, id).map(deployment -> new Snapshot(deployment, List.of(), null));
        }
        return service.progress(client, id)
                .map(progress -> new Snapshot(
                        new Located<>(progress.provider(), progress.value().deployment()),
                        progress.value().logs(),
                        null));
    }

    private static Snapshot next(Snapshot previous, Tick tick) {
        if (tick instanceof Tick.Read read) {
            Snapshot now = read.snapshot();
            return new Snapshot(now.deployment(), longer(previous.logs(), now.logs()), null);
        }
        Throwable error = ((Tick.Failed) tick).error();
        long since = previous.trouble() == null ? now() : previous.trouble().sinceMillis();
        return new Snapshot(previous.deployment(), previous.logs(), new Trouble(error, since));
    }

    private boolean givenUp(Snapshot snapshot) {
        return snapshot.trouble() != null
                && now() - snapshot.trouble().sinceMillis()
                        >= timing.outageLimit().toMillis();
    }

    /** The provider's trouble passes (or ends the watch at the outage limit); a 404 or a refused operation does not. */
    private static boolean worthRidingOut(Throwable error) {
        Throwable cause = error instanceof ProviderCallException call ? call.failure() : error;
        return cause instanceof ProviderException
                && !(cause instanceof ProviderException.NotFound)
                && !(cause instanceof ProviderException.Unsupported);
    }

    /** The lines of {@code seen}, then whatever {@code latest} has beyond them: lines are counted, never repeated. */
    static List<LogLine> longer(List<LogLine> seen, List<LogLine> latest) {
        if (latest.size() <= seen.size()) {
            return seen;
        }
        List<LogLine> all = new ArrayList<>(seen);
        all.addAll(latest.subList(seen.size(), latest.size()));
        return List.copyOf(all);
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
