package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.audit.TriggeredBy;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.store.FeedLog;
import dev.unideploy.spi.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes deployment events to the shared feed log (each deployment's event of a kind once, whichever instance
 * sees it first) and reads them back: live, or resumed after a position within the retention window.
 */
public final class DeploymentFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeploymentFeed.class);
    private static final int REPLAY_LIMIT = 10_000;
    private static final Duration YOUNG = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofMillis(750);

    /** An event and its position in the feed (the SSE id, for {@code Last-Event-ID}). */
    public record Positioned(String position, FeedEvent event) {}

    private final FeedLog feedLog;
    private final DeploymentRendering rendering;
    private final TriggeredBy triggeredBy;
    private final Clock clock;

    private final Disposable learning;

    public DeploymentFeed(FeedLog feedLog, DeploymentRendering rendering, TriggeredBy triggeredBy, Clock clock) {
        this.feedLog = feedLog;
        this.rendering = rendering;
        this.triggeredBy = triggeredBy;
        this.clock = clock;
        // events published by any instance say who made their deployment: this instance's answers say so too
        this.learning = live().subscribe(positioned -> {
            String client = positioned.event().data().path("triggeredBy").asString("");
            if (!client.isEmpty()) {
                triggeredBy.learned(positioned.event().deploymentId(), client);
            }
        });
    }

    @Override
    public void close() {
        learning.dispose();
    }

    /** Publishes the event {@code type} of {@code deployment}, unless it was published before. */
    Mono<Void> publish(Located<Deployment> deployment, EventType type) {
        String id = deployment.provider().id() + ":" + deployment.value().id();
        return madeBy(id, deployment.value())
                .flatMap(client -> {
                    FeedEvent event =
                            FeedEvent.of(type, rendering.render(deployment, client.orElse(null)), clock.instant());
                    return feedLog.publish(id, type.rank(), event.toJson())
                            .doOnNext(position -> log.debug("{} {} at {}", type.wire(), id, position));
                })
                .then();
    }

    /**
     * The client that made the deployment through the gateway, if any. A watcher can read a deployment the gateway
     * has just made before the gateway has answered (and said who made it): a deployment younger than {@link
     * #YOUNG} that no one is known to have made is asked about once more after {@link #GRACE}.
     */
    private Mono<Optional<String>> madeBy(String id, Deployment deployment) {
        Mono<Optional<String>> lookup = Mono.defer(() -> triggeredBy
                .lookup(id)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorReturn(Optional.empty()));
        Instant created = deployment.createdAt();
        boolean young = created == null || created.isAfter(clock.instant().minus(YOUNG));
        return lookup.flatMap(found -> found.isPresent() || !young
                ? Mono.just(found)
                : Mono.delay(GRACE).then(lookup));
    }

    /** Events as they are published, by any instance. */
    public Flux<Positioned> live() {
        return feedLog.live().flatMap(DeploymentFeed::parse);
    }

    /**
     * The events after {@code lastEventId} that are still kept, then live ones; only live ones without a (valid)
     * {@code lastEventId}. Each event once, in feed order.
     */
    public Flux<Positioned> stream(@Nullable String lastEventId) {
        if (!FeedLog.isPosition(lastEventId)) {
            return live();
        }
        return Flux.defer(() -> {
            // listen before replaying, so nothing published meanwhile falls between the two
            Sinks.Many<FeedLog.Entry> buffered = Sinks.many().unicast().onBackpressureBuffer();
            Disposable listening = feedLog.live().subscribe(entry -> buffered.tryEmitNext(entry));
            AtomicReference<String> last = new AtomicReference<>(lastEventId);
            return Flux.concat(feedLog.after(lastEventId, REPLAY_LIMIT), buffered.asFlux())
                    .filter(entry -> {
                        if (FeedLog.compare(entry.position(), last.get()) <= 0) return false;
                        last.set(entry.position());
                        return true;
                    })
                    .flatMap(DeploymentFeed::parse)
                    .doFinally(signal -> listening.dispose());
        });
    }

    private static Mono<Positioned> parse(FeedLog.Entry entry) {
        try {
            return Mono.just(new Positioned(entry.position(), FeedEvent.fromJson(entry.event())));
        } catch (RuntimeException unreadable) {
            log.warn("Skipping an unreadable feed entry at {}", entry.position());
            return Mono.empty();
        }
    }
}
