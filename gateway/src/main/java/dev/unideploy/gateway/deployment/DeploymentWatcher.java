package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Support;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches deployments until they are terminal: <b>one upstream source per deployment, shared by all
 * subscribers</b> — the provider's native stream where it has one, else a poller — and nothing left running
 * after the last subscriber leaves. Subscribers see {@link Snapshot}s: the deployment now and its log so far.
 */
public final class DeploymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(DeploymentWatcher.class);

    /** The deployment as last seen and every log line so far (in order). */
    public record Snapshot(Located<Deployment> deployment, List<LogLine> logs) {
        public boolean terminal() {
            return deployment.value().terminal();
        }
    }

    private record Key(String id, boolean withLogs) {}

    private final DeploymentService service;
    private final Duration interval;
    private final ConcurrentMap<Key, Flux<Snapshot>> sources = new ConcurrentHashMap<>();

    public DeploymentWatcher(DeploymentService service, Duration interval) {
        this.service = service;
        this.interval = interval;
    }

    /**
     * The shared snapshots of one deployment, completing after the terminal one.
     *
     * @param withLogs false when only the status matters (waiting): no log calls are made then
     */
    public Flux<Snapshot> watch(ClientPrincipal client, GlobalId id, boolean withLogs) {
        return Flux.defer(() -> {
            ProviderHandle handle = service.resolve(client, id.connection());
            Key key = new Key(id.toString(), withLogs);
            return sources.computeIfAbsent(
                    key,
                    k -> source(client, handle, id, withLogs)
                            .doFinally(signal -> sources.remove(k))
                            .replay(1)
                            .refCount(1));
        });
    }

    /** How many deployments have an upstream source running now. */
    public int activeSources() {
        return sources.size();
    }

    /** The deployment once terminal, or as it is when {@code timeout} runs out. */
    public Mono<Located<Deployment>> awaitTerminal(ClientPrincipal client, GlobalId id, Duration timeout) {
        return watch(client, id, false)
                .take(timeout)
                .takeUntil(Snapshot::terminal)
                .last()
                .map(Snapshot::deployment)
                .onErrorResume(java.util.NoSuchElementException.class, none -> service.get(client, id));
    }

    private Flux<Snapshot> source(ClientPrincipal client, ProviderHandle handle, GlobalId id, boolean withLogs) {
        boolean nativeStream = withLogs && handle.support(Capability.EVENTS) == Support.NATIVE;
        Flux<Snapshot> polled = poll(client, handle, id, withLogs);
        if (!nativeStream) {
            return polled;
        }
        return service.get(client, id).flatMapMany(first -> {
            Snapshot initial = new Snapshot(first, List.of());
            if (first.value().terminal()) {
                return poll(client, handle, id, true).take(1);
            }
            return Flux.concat(
                            Mono.just(initial),
                            handle.adapter()
                                    .events(id.local())
                                    .concatMap(event -> withLedger(handle, event))
                                    .scan(initial, (snapshot, event) -> apply(handle, snapshot, event))
                                    .skip(1))
                    .onErrorResume(error -> {
                        log.info(
                                "Native stream of {} failed ({}); polling instead",
                                id,
                                error.getClass().getSimpleName());
                        return poll(client, handle, id, true);
                    })
                    // the native stream ends at the terminal state; one more read makes sure we have that state, and
                    // the lines a stream may drop at its very end (Dokploy's never closes; we close it ourselves)
                    .concatWith(Flux.defer(() -> service.get(client, id)
                            .flatMap(done -> service.logs(client, id, null)
                                    .map(logs -> new Snapshot(done, logs.value().items()))
                                    .onErrorReturn(new Snapshot(done, List.of())))))
                    .scan((previous, next) -> new Snapshot(next.deployment(), longer(previous.logs(), next.logs())))
                    .takeUntil(Snapshot::terminal);
        });
    }

    /** The lines of {@code seen}, then whatever {@code latest} has beyond them. */
    private static List<LogLine> longer(List<LogLine> seen, List<LogLine> latest) {
        if (latest.size() <= seen.size()) {
            return seen;
        }
        List<LogLine> all = new ArrayList<>(seen);
        all.addAll(latest.subList(seen.size(), latest.size()));
        return all;
    }

    /** The event with its deployment as the client should see it (the cancel ledger applied). */
    private Mono<DeploymentEvent> withLedger(ProviderHandle handle, DeploymentEvent event) {
        if (event instanceof DeploymentEvent.StatusChanged changed) {
            return service.ledger().apply(handle.id(), changed.deployment()).map(DeploymentEvent.StatusChanged::new);
        }
        return Mono.just(event);
    }

    private static Snapshot apply(ProviderHandle handle, Snapshot snapshot, DeploymentEvent event) {
        if (event instanceof DeploymentEvent.Log line) {
            List<LogLine> logs = new ArrayList<>(snapshot.logs());
            logs.add(line.line());
            return new Snapshot(snapshot.deployment(), logs);
        }
        Deployment changed = ((DeploymentEvent.StatusChanged) event).deployment();
        return new Snapshot(new Located<>(handle, changed), snapshot.logs());
    }

    private Flux<Snapshot> poll(ClientPrincipal client, ProviderHandle handle, GlobalId id, boolean withLogs) {
        boolean logs = withLogs && handle.support(Capability.LOGS) != Support.UNSUPPORTED;
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(
                        tick -> service.get(client, id)
                                .flatMap(deployment -> !logs
                                        ? Mono.just(new Snapshot(deployment, List.of()))
                                        : service.logs(client, id, null)
                                                .map(found -> new Snapshot(
                                                        deployment,
                                                        found.value().items()))
                                                // logs are best effort: keep what we had (marked by null list below)
                                                .onErrorResume(error -> Mono.just(new Snapshot(deployment, List.of()))))
                                .onErrorResume(DeploymentWatcher::isTransient, error -> Mono.empty()),
                        1)
                .scan((previous, next) -> next.logs().size() < previous.logs().size()
                        ? new Snapshot(next.deployment(), previous.logs())
                        : next)
                .takeUntil(Snapshot::terminal);
    }

    /** Keep polling through passing provider trouble; stop on not found, auth and the like. */
    private static boolean isTransient(Throwable error) {
        Throwable cause = error instanceof ProviderCallException call ? call.failure() : error;
        return cause instanceof ProviderException.Unavailable
                || cause instanceof ProviderException.Timeout
                || cause instanceof ProviderException.RateLimited;
    }
}
