package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.store.WebhookRecords;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A subscription's deliveries as its owner reads them, and manual retries. */
public final class DeliveryLog {

    /** One page, newest first; {@code nextCursor} null on the last. */
    public record Page(List<Delivery> items, @Nullable String nextCursor) {}

    private final WebhookRecords records;
    private final Subscriptions subscriptions;
    private final Runnable due;
    private final Clock clock;

    DeliveryLog(WebhookRecords records, Subscriptions subscriptions, Runnable due, Clock clock) {
        this.records = records;
        this.subscriptions = subscriptions;
        this.due = due;
        this.clock = clock;
    }

    /** 404 unless {@code client} may see the subscription; 400 for a cursor this API did not issue. */
    public Mono<Page> page(ClientPrincipal client, String subscriptionId, int limit, @Nullable String cursor) {
        int offset = offset(cursor);
        return subscriptions
                .get(client, subscriptionId)
                .flatMap(found -> records.deliveries(subscriptionId, offset, limit + 1)
                        .concatMap(id -> records.delivery(id))
                        .map(json -> Subscriptions.JSON.readValue(json, Delivery.class))
                        .collectList())
                .map(items -> items.size() > limit
                        ? new Page(items.subList(0, limit), "o" + (offset + limit))
                        : new Page(items, null));
    }

    /** Makes a delivery due now with a fresh retry window. */
    public Mono<Delivery> retry(ClientPrincipal client, String subscriptionId, String deliveryId) {
        return subscriptions
                .get(client, subscriptionId)
                .flatMap(found -> records.delivery(deliveryId))
                .map(json -> Subscriptions.JSON.readValue(json, Delivery.class))
                .filter(delivery -> delivery.subscriptionId().equals(subscriptionId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "No delivery '" + deliveryId + "' of webhook subscription '" + subscriptionId + "'.")))
                .flatMap(delivery -> {
                    Delivery again = delivery.retried(clock.instant());
                    return records.saveDelivery(again.id(), Subscriptions.JSON.writeValueAsString(again))
                            .then(records.schedule(again.id(), again.windowStart()))
                            .doOnSuccess(done -> due.run())
                            .thenReturn(again);
                });
    }

    private static int offset(@Nullable String cursor) {
        if (cursor == null) return 0;
        if (!cursor.matches("o\\d{1,6}")) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
        return Integer.parseInt(cursor.substring(1));
    }
}
