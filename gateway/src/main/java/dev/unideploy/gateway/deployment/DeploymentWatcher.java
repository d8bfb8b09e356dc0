package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.Support;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches deployments until they are terminal: <b>one upstream source per deployment, shared by all
 * subscribers</b>, and nothing left running after the last subscriber leaves. The source is the provider's native
 * stream where it has one; when that stream ends, fails or falls silent before the deployment is terminal, a {@link
 * Poller} takes over from the lines already seen, so no line repeats or goes missing. The terminal snapshot is read
 * again through the service, so it carries what a GET shows (finishedAt, the duration) and the log's last lines.
 * Subscribers see {@link Snapshot}s: the deployment now, its log so far, and any provider trouble being ridden out.
 */
public final class DeploymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(DeploymentWatcher.class);

    /**
     * The deployment as last seen, every log line so far (in order), and the provider's trouble while the watcher
     * keeps trying (null when the last read worked).
     */
    public record Snapshot(
            Located<Deployment> deployment,
            List<LogLine> logs,
            @Nullable Trouble trouble) {
        public boolean terminal() {
            return deployment.value().terminal();
        }
    }

    /** A provider failure the watcher is riding out, and since when (Reactor's clock, in millis). */
    public record Trouble(Throwable error, long sinceMillis) {}

    /**
     * @param pollInterval how often a poller reads
     * @param streamIdle how long a native stream may stay silent before polling takes over
     * @param outageLimit how long a failing provider is ridden out before the watch ends
     */
    public record Timing(Duration pollInterval, Duration streamIdle, Duration outageLimit) {}

    private record Key(String id, boolean withLogs) {}

    private final DeploymentService service;
    private final Timing timing;
    private final ConcurrentMap<Key, Flux<Snapshot>> sources = new ConcurrentHashMap<>();

    public DeploymentWatcher(DeploymentService service, Timing timing) {
        this.service = service;
        this.timing = timing;
    }

    /**
     * The shared snapshots of one deployment, completing after the terminal one — or after the provider failed
     * for longer than the outage limit.
     *
     * @param withLogs false when only the status matters (waiting): no log calls are made then
     */
    public Flux<Snapshot> watch(ClientPrincipal client, GlobalId id, boolean withLogs) {
        return Flux.defer(() -> {
            service.resolve(client, id.connection()); // 404 / 403 before anything is shared
            return sources.computeIfAbsent(
                    new Key(id.toString(), withLogs),
                    key -> source(client, id, withLogs)
                            .doFinally(signal -> sources.remove(key))
                            .replay(1)
                            // keeps polling for two intervals after the last subscriber left: thousands of streams
                            // coming and going keep one source instead of restarting it (and its first read) each time
                            .refCount(1, timing.pollInterval().multipliedBy(2)));
        });
    }

    /** Whether a watch of {@code id} is running now (a new subscriber would join it, not start one). */
    public boolean watching(GlobalId id, boolean withLogs) {
        return sources.containsKey(new Key(id.toString(), withLogs));
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
                .onErrorResume(NoSuchElementException.class, none -> service.get(client, id));
    }

    private Flux<Snapshot> source(ClientPrincipal client, GlobalId id, boolean withLogs) {
        return service.get(client, id).flatMapMany(first -> {
            ProviderHandle handle = first.provider();
            boolean logs = withLogs && handle.support(Capability.LOGS) != Support.UNSUPPORTED;
            Poller poller = new Poller(service, client, id, logs, timing);
            Snapshot start = new Snapshot(first, List.of(), null);
            if (first.value().terminal()) {
                return withLogs ? poller.finish(start).flux() : Flux.just(start);
            }
            AtomicReference<Snapshot> last = new AtomicReference<>(start);
            Flux<Snapshot> live = withLogs && handle.support(Capability.EVENTS) == Support.NATIVE
                    ? nativeStream(client, id, start, last)
                    : Flux.empty();
            return Flux.concat(
                    Mono.just(start),
                    live,
                    Flux.defer(() -> last.get().terminal() ? poller.finish(last.get()) : poller.poll(last.get())));
        });
    }

    /**
     * The provider's own stream, until the deployment is terminal (that snapshot is left for a final read) or the
     * stream ends, fails or stays silent for {@code streamIdle}; {@code last} keeps where it stopped.
     */
    private Flux<Snapshot> nativeStream(
            ClientPrincipal client, GlobalId id, Snapshot start, AtomicReference<Snapshot> last) {
        return service.events(client, id)
                .timeout(timing.streamIdle())
                .scan(start, DeploymentWatcher::apply)
                .skip(1)
                .takeUntil(Snapshot::terminal)
                .doOnNext(last::set)
                .filter(snapshot -> !snapshot.terminal())
                .onErrorResume(error -> {
                    log.info(
                            "Native stream of {} stopped ({}); polling from line {}",
                            id,
                            error.getClass().getSimpleName(),
                            last.get().logs().size());
                    return Flux.empty();
                });
    }

    private static Snapshot apply(Snapshot snapshot, DeploymentEvent event) {
        if (event instanceof DeploymentEvent.Log line) {
            List<LogLine> logs = new ArrayList<>(snapshot.logs());
            logs.add(line.line());
            return new Snapshot(snapshot.deployment(), logs, null);
        }
        Deployment changed = ((DeploymentEvent.StatusChanged) event).deployment();
        return new Snapshot(new Located<>(snapshot.deployment().provider(), changed), snapshot.logs(), null);
    }
}
