package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.feed.FeedEvent;
import dev.unideploy.gateway.store.FeedLog;
import dev.unideploy.gateway.store.WebhookRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns feed events into deliveries, one per subscription that wants the event: the feed's consumer group {@value
 * #GROUP} hands each event to one instance, which acknowledges it once its deliveries are queued; an event held by
 * an instance that stopped is claimed by another after the lease. Delivery ids are derived from the event and the
 * subscription, so fanning an event out twice queues nothing twice.
 */
final class Fanout implements AutoCloseable {

    static final String GROUP = "webhooks";
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int BATCH = 100;

    private final FeedLog feedLog;
    private final Subscriptions subscriptions;
    private final WebhookRecords records;
    private final Clock clock;
    private final String consumer;
    private final Duration minIdle;
    private final Runnable queued;
    private final Disposable loop;

    Fanout(
            FeedLog feedLog,
            Subscriptions subscriptions,
            WebhookRecords records,
            WebhookProperties properties,
            Clock clock,
            String consumer,
            Runnable queued) {
        this.feedLog = feedLog;
        this.subscriptions = subscriptions;
        this.records = records;
        this.clock = clock;
        this.consumer = consumer;
        this.minIdle = properties.lease();
        this.queued = queued;
        this.loop = Flux.merge(
                        Flux.interval(Duration.ZERO, properties.poll()).onBackpressureDrop(),
                        feedLog.live().map(entry -> 0L).onBackpressureDrop())
                .onBackpressureDrop()
                .concatMap(tick -> round().onErrorResume(error -> {
                    log.warn(
                            "Fanning out webhook events failed: {}",
                            error.getClass().getSimpleName());
                    return Mono.empty();
                }))
                .subscribe();
    }

    private Mono<Void> round() {
        return feedLog.claim(GROUP, consumer, BATCH, minIdle)
                .collectList()
                .filter(entries -> !entries.isEmpty())
                .flatMap(entries -> subscriptions
                        .all()
                        .flatMap(all -> Flux.fromIterable(entries)
                                .concatMap(entry -> fan(entry, all).then(feedLog.ack(GROUP, entry.position())))
                                .then()))
                .doOnSuccess(done -> queued.run());
    }

    private Mono<Void> fan(FeedLog.Entry entry, List<Subscription> all) {
        FeedEvent event;
        try {
            event = FeedEvent.fromJson(entry.event());
        } catch (RuntimeException unreadable) {
            return Mono.empty();
        }
        return Flux.fromIterable(all)
                .filter(subscription -> subscription.wants(event))
                .concatMap(subscription -> {
                    Delivery delivery = Delivery.of(subscription, event, clock.instant());
                    return records.enqueue(
                            subscription.id(),
                            delivery.id(),
                            Subscriptions.JSON.writeValueAsString(delivery),
                            delivery.createdAt());
                })
                .then();
    }

    @Override
    public void close() {
        loop.dispose();
    }
}
