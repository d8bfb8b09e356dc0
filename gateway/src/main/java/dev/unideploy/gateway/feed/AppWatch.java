package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.deployment.CancelLedger;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.store.FeedLog;
import dev.unideploy.spi.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Watches one app: reads its newest deployments every interval — while this instance holds the app's lease in the
 * shared feed log, so one instance polls it at a time — and publishes the events their changes call for. A poke
 * (a provider notification) reads at once, lease or not.
 */
final class AppWatch {

    private static final Logger log = LoggerFactory.getLogger(AppWatch.class);

    private final ProviderHandle handle;
    private final String app;
    private final Duration interval;
    private final Context context;
    private final ChangeDetector detector;
    private final Sinks.Many<Boolean> pokes = Sinks.many().unicast().onBackpressureBuffer();
    private Disposable loop = () -> {};

    /** What every watcher shares. */
    record Context(
            FeedLog log, DeploymentFeed feed, CancelLedger ledger, String owner, int pageSize, Duration margin) {}

    AppWatch(ProviderHandle handle, String app, Duration interval, Context context, Instant started) {
        this.handle = handle;
        this.app = app;
        this.interval = interval;
        this.context = context;
        this.detector = new ChangeDetector(started.minus(context.margin()));
    }

    String key() {
        return handle.id() + ":" + app;
    }

    AppWatch start() {
        loop = Flux.merge(
                        Flux.interval(Duration.ZERO, interval)
                                .onBackpressureDrop()
                                .map(tick -> false),
                        pokes.asFlux())
                .onBackpressureDrop()
                .concatMap(poked -> turn(poked), 1)
                .subscribe();
        return this;
    }

    void poke() {
        pokes.tryEmitNext(true);
    }

    void stop() {
        loop.dispose();
    }

    private Mono<Void> turn(boolean poked) {
        Duration ttl = interval.multipliedBy(3).compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : interval.multipliedBy(3);
        Mono<Boolean> mine = poked
                ? Mono.just(true)
                : context.log().lease("watch:" + key() + ":" + interval.toMillis(), context.owner(), ttl);
        return mine.filter(Boolean::booleanValue).flatMap(go -> read()).onErrorResume(error -> {
            log.debug("Watching {} failed this time: {}", key(), error.toString());
            return Mono.empty();
        });
    }

    /** Reads the app's newest deployments and publishes, oldest first, what their changes call for. */
    Mono<Void> read() {
        return handle.adapter()
                .listDeployments(app, null, context.pageSize())
                .flatMap(page -> context.ledger().apply(handle.id(), page.items()))
                .flatMapMany(items -> {
                    List<Deployment> oldestFirst = new ArrayList<>(items);
                    Collections.reverse(oldestFirst);
                    return Flux.fromIterable(oldestFirst);
                })
                .concatMap(deployment -> detector.observe(deployment)
                        .map(type -> context.feed()
                                .publish(new Located<>(handle, deployment), type)
                                // not published: read it as new next time
                                .doOnError(failed -> detector.forget(deployment.id())))
                        .orElse(Mono.empty()))
                .then();
    }

    @Override
    public String toString() {
        return "AppWatch[" + key() + " every " + interval + "]";
    }
}
