package dev.unideploy.adapter.mist;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.Logs;
import dev.unideploy.spi.ProviderException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One deployment's live events from Mist's WebSocket, and what happens when Mist drops the socket. */
final class MistEvents {

    private final MistAdapter adapter;

    MistEvents(MistAdapter adapter) {
        this.adapter = adapter;
    }

    /**
     * Status frames become status changes, log frames lines. Completes at the first terminal status (closing the
     * socket: Mist never closes it after {@code stopped}). Mist drops its socket without a close frame after ~30 s
     * of quiet, so the stream may end before the deployment does: then the list tells how it stands — terminal,
     * and the stream completes with it; still running, and it fails ({@link ProviderException.Unavailable}), never
     * hangs, so that the gateway carries on by polling.
     */
    Flux<DeploymentEvent> events(String deploymentId) {
        return adapter.getDeployment(deploymentId).flatMapMany(first -> {
            if (first.terminal()) {
                return adapter.logs(deploymentId, null)
                        .flatMapIterable(Logs::items)
                        .<DeploymentEvent>map(DeploymentEvent.Log::new)
                        .concatWith(Mono.just(new DeploymentEvent.StatusChanged(first)));
            }
            AtomicReference<Deployment> current = new AtomicReference<>(first);
            AtomicReference<Throwable> dropped = new AtomicReference<>();
            Flux<DeploymentEvent> live = adapter.frames(MistId.parse(deploymentId))
                    .onErrorResume(ProviderException.class, error -> {
                        dropped.set(error);
                        return Flux.empty();
                    })
                    .concatMap(text -> Mono.justOrEmpty(MistDeploymentMapping.toEvent(text, current.get())))
                    .filter(event -> !(event instanceof DeploymentEvent.StatusChanged changed)
                            || changed(current, changed.deployment()))
                    .takeUntil(event -> event instanceof DeploymentEvent.StatusChanged changed
                            && changed.deployment().terminal());
            Flux<DeploymentEvent> afterDrop = Flux.defer(
                    () -> current.get().terminal() ? Flux.empty() : standing(deploymentId, current, dropped));
            return Flux.<DeploymentEvent>just(new DeploymentEvent.StatusChanged(first))
                    .concatWith(live)
                    .concatWith(afterDrop);
        });
    }

    /** After the socket ended early: the deployment as listed now, and an error if it is still not terminal. */
    private Flux<DeploymentEvent> standing(
            String deploymentId, AtomicReference<Deployment> current, AtomicReference<Throwable> dropped) {
        return adapter.getDeployment(deploymentId).flatMapMany(now -> {
            Flux<DeploymentEvent> status =
                    changed(current, now) ? Flux.just(new DeploymentEvent.StatusChanged(now)) : Flux.empty();
            return now.terminal()
                    ? status
                    : status.concatWith(Mono.error(new ProviderException.Unavailable(
                            "Mist's live stream ended before the deployment finished (Mist drops a socket after"
                                    + " ~30 s without output)",
                            null,
                            null,
                            dropped.get())));
        });
    }

    private static boolean changed(AtomicReference<Deployment> current, Deployment next) {
        Deployment previous = current.getAndSet(next);
        return !previous.lifecycle().equals(next.lifecycle()) || !Objects.equals(previous.progress(), next.progress());
    }
}
