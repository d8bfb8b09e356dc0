package dev.unideploy.gateway.store;

import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhook subscriptions and their deliveries, shared by every instance: the records (opaque JSON here) and the
 * schedule of deliveries due. A delivery claimed by an instance is due again after its lease unless that instance
 * reschedules or finishes it, so a stopped instance hands its deliveries to another.
 */
public interface WebhookRecords {

    Mono<Void> saveSubscription(String id, String json);

    Mono<String> subscription(String id);

    Flux<String> subscriptions();

    /** True if there was one. */
    Mono<Boolean> removeSubscription(String id);

    /** Adds a delivery of a subscription, due at {@code due}, unless one with this id exists; true if added. */
    Mono<Boolean> enqueue(String subscriptionId, String deliveryId, String json, Instant due);

    Mono<Void> saveDelivery(String deliveryId, String json);

    Mono<String> delivery(String deliveryId);

    /** Ids of a subscription's deliveries, newest first, skipping {@code offset}. */
    Flux<String> deliveries(String subscriptionId, int offset, int limit);

    /** Ids of deliveries due by {@code now}, each now held for {@code lease} (due again after it). */
    Flux<String> claimDue(Instant now, int limit, Duration lease);

    /** Makes the delivery due at {@code due}. */
    Mono<Void> schedule(String deliveryId, Instant due);

    /** Takes the delivery off the schedule: it is finished. */
    Mono<Void> unschedule(String deliveryId);
}
