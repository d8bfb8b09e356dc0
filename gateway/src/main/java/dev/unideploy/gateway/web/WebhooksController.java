package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.WebhooksApi;
import dev.unideploy.gateway.api.model.Webhook;
import dev.unideploy.gateway.api.model.WebhookCreate;
import dev.unideploy.gateway.api.model.WebhookDelivery;
import dev.unideploy.gateway.api.model.WebhookDeliveryList;
import dev.unideploy.gateway.api.model.WebhookList;
import dev.unideploy.gateway.api.model.WebhookUpdate;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.webhook.DeliveryLog;
import dev.unideploy.gateway.webhook.Subscriptions;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Webhook subscriptions (scope {@code webhooks:manage}): create, list, read, change, delete; the delivery log. */
@RestController
class WebhooksController implements WebhooksApi {

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveries;
    private final Idempotency idempotency;

    WebhooksController(Subscriptions subscriptions, DeliveryLog deliveries, Idempotency idempotency) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.idempotency = idempotency;
    }

    @Override
    public Mono<ResponseEntity<Webhook>> createWebhook(
            Mono<WebhookCreate> body, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request -> idempotency.run(exchange, client, idempotencyKey, request, Write.local(() -> {
                    Subscriptions.Draft draft = new Subscriptions.Draft(
                            request.getUrl(),
                            WebhookModels.wire(request.getEvents()),
                            WebhookModels.present("providers", request.getProviders()),
                            WebhookModels.present("appIds", request.getAppIds()),
                            request.getDescription());
                    return subscriptions
                            .create(client, draft)
                            .map(made -> ResponseEntity.status(HttpStatus.CREATED)
                                    .location(URI.create("/v1/webhooks/" + made.id()))
                                    .body(WebhookModels.toWebhook(made, true)));
                })));
    }

    @Override
    public Mono<ResponseEntity<WebhookList>> listWebhooks(ServerWebExchange exchange) {
        return subscriptions
                .list(ClientPrincipal.of(exchange))
                .map(found -> ResponseEntity.ok(new WebhookList(found.stream()
                        .map(subscription -> WebhookModels.toWebhook(subscription, false))
                        .toList())));
    }

    @Override
    public Mono<ResponseEntity<Webhook>> getWebhook(String webhookId, ServerWebExchange exchange) {
        return subscriptions
                .get(ClientPrincipal.of(exchange), webhookId)
                .map(found -> ResponseEntity.ok(WebhookModels.toWebhook(found, false)));
    }

    @Override
    public Mono<ResponseEntity<Webhook>> updateWebhook(
            String webhookId, Mono<WebhookUpdate> body, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return body.switchIfEmpty(Mono.error(ApiException.invalid("body", "a JSON request body is required")))
                .flatMap(request -> subscriptions.update(
                        client,
                        webhookId,
                        new Subscriptions.Patch(
                                request.getUrl() == null ? null : request.getUrl(),
                                given(WebhookModels.wire(request.getEvents())),
                                given(WebhookModels.present("providers", request.getProviders())),
                                given(WebhookModels.present("appIds", request.getAppIds())),
                                request.getDescription(),
                                request.getEnabled())))
                .map(changed -> ResponseEntity.ok(WebhookModels.toWebhook(changed, false)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteWebhook(
            String webhookId, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return idempotency.run(
                exchange,
                client,
                idempotencyKey,
                webhookId,
                Write.local(() -> subscriptions
                        .delete(client, webhookId)
                        .then(Mono.just(ResponseEntity.noContent().<Void>build()))));
    }

    @Override
    public Mono<ResponseEntity<WebhookDeliveryList>> listWebhookDeliveries(
            String webhookId, Integer limit, @Nullable String cursor, ServerWebExchange exchange) {
        return Mono.defer(() -> deliveries.page(ClientPrincipal.of(exchange), webhookId, limit, cursor))
                .map(page -> ResponseEntity.ok(new WebhookDeliveryList(page.items().stream()
                                .map(WebhookModels::toDelivery)
                                .toList())
                        .nextCursor(page.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<WebhookDelivery>> retryWebhookDelivery(
            String webhookId, String deliveryId, @Nullable String idempotencyKey, ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        return idempotency.run(
                exchange,
                client,
                idempotencyKey,
                deliveryId,
                Write.local(() -> deliveries
                        .retry(client, webhookId, deliveryId)
                        .map(again -> ResponseEntity.accepted().body(WebhookModels.toDelivery(again)))));
    }

    /** In a change, an absent or empty list leaves the field as it is (the API models cannot tell them apart). */
    private static <T> @Nullable List<T> given(@Nullable List<T> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}
