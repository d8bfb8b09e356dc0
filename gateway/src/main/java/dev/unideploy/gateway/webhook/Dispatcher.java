package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.store.WebhookRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Attempts the deliveries that are due, on every instance: each claims some from the shared schedule (holding them
 * for the lease), sends them, and records the attempt — done on 2xx, the subscription disabled on 410, else due again
 * after the backoff until the retry window is over. An instance that stops mid-attempt leaves its deliveries to be
 * claimed again once their lease runs out: at least once.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final WebhookRecords records;
    private final Subscriptions subscriptions;
    private final Sender sender;
    private final WebhookProperties properties;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Sinks.Many<Boolean> wakeups = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable loop;

    Dispatcher(
            WebhookRecords records,
            Subscriptions subscriptions,
            Sender sender,
            WebhookProperties properties,
            Clock clock) {
        this.records = records;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.properties = properties;
        this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
        this.clock = clock;
        this.loop = Flux.merge(
                        Flux.interval(properties.poll()).onBackpressureDrop().map(tick -> true), wakeups.asFlux())
                .onBackpressureDrop()
                .concatMap(tick -> claim().onErrorResume(error -> {
                    log.warn(
                            "Claiming webhook deliveries failed: {}",
                            error.getClass().getSimpleName());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Look for due deliveries now (some were just added). */
    void wake() {
        wakeups.tryEmitNext(true);
    }

    private Mono<Void> claim() {
        int free = properties.concurrency() - inFlight.get();
        if (free <= 0) {
            return Mono.empty();
        }
        return records.claimDue(clock.instant(), free, properties.lease())
                .doOnNext(id -> {
                    inFlight.incrementAndGet();
                    attempt(id)
                            .onErrorResume(error -> {
                                log.warn(
                                        "Delivery {} failed: {}",
                                        id,
                                        error.getClass().getSimpleName());
                                return Mono.empty();
                            })
                            .doFinally(signal -> inFlight.decrementAndGet())
                            .subscribe();
                })
                .then();
    }

    private Mono<Void> attempt(String id) {
        return records.delivery(id)
                .map(json -> Optional.of(Subscriptions.JSON.readValue(json, Delivery.class)))
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty() || found.get().state() != Delivery.State.PENDING) {
                        return records.unschedule(id); // finished, or expired from the log
                    }
                    Delivery delivery = found.get();
                    return subscriptions
                            .find(delivery.subscriptionId())
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(subscription -> subscription.isPresent()
                                    ? send(subscription.get(), delivery)
                                    : finish(delivery.closed(
                                            Delivery.State.FAILED, "the subscription was deleted", clock.instant())));
                });
    }

    private Mono<Void> send(Subscription subscription, Delivery delivery) {
        if (!subscription.enabled()) {
            return finish(delivery.closed(Delivery.State.FAILED, "the subscription is disabled", clock.instant()));
        }
        return sender.send(subscription, delivery).flatMap(attempt -> {
            Integer status = attempt.status();
            if (status != null && status >= 200 && status < 300) {
                return finish(delivery.after(attempt, Delivery.State.SUCCEEDED, null));
            }
            if (status != null && status == 410) {
                log.info("{} answered 410 Gone: disabling it", subscription);
                return finish(delivery.after(attempt, Delivery.State.GONE, null))
                        .then(subscriptions.disable(
                                subscription.id(), "the receiver answered 410 Gone at " + attempt.at()));
            }
            Instant next = clock.instant().plus(backoff.before(delivery.attemptCount() + 1));
            if (next.isAfter(delivery.windowStart().plus(properties.retryFor()))) {
                return finish(delivery.after(attempt, Delivery.State.FAILED, null));
            }
            Delivery later = delivery.after(attempt, Delivery.State.PENDING, next);
            return records.saveDelivery(later.id(), Subscriptions.JSON.writeValueAsString(later))
                    .then(records.schedule(later.id(), next));
        });
    }

    private Mono<Void> finish(Delivery done) {
        return records.saveDelivery(done.id(), Subscriptions.JSON.writeValueAsString(done))
                .then(records.unschedule(done.id()));
    }

    @Override
    public void close() {
        loop.dispose();
    }
}
