package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.EventType;
import dev.unideploy.gateway.api.model.Webhook;
import dev.unideploy.gateway.api.model.WebhookAttempt;
import dev.unideploy.gateway.api.model.WebhookDelivery;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.webhook.Delivery;
import dev.unideploy.gateway.webhook.Subscription;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Webhook subscriptions and deliveries as the API models them. */
final class WebhookModels {

    private WebhookModels() {}

    /** Without the secret unless {@code withSecret} (the answer that created it). */
    static Webhook toWebhook(Subscription subscription, boolean withSecret) {
        return new Webhook(
                        subscription.id(),
                        subscription.url(),
                        subscription.events().stream().map(EventType::fromValue).toList(),
                        subscription.providers(),
                        subscription.appIds(),
                        subscription.enabled(),
                        subscription.configured(),
                        subscription.createdBy(),
                        ApiMapping.toTime(subscription.createdAt()))
                .description(subscription.description())
                .disabledReason(subscription.disabledReason())
                .secret(withSecret ? subscription.secret() : null);
    }

    static WebhookDelivery toDelivery(Delivery delivery) {
        Delivery.Attempt last = delivery.lastAttempt();
        return new WebhookDelivery(
                        delivery.id(),
                        delivery.subscriptionId(),
                        delivery.eventId(),
                        EventType.fromValue(delivery.eventType()),
                        delivery.deploymentId(),
                        WebhookDelivery.StatusEnum.fromValue(
                                delivery.state().name().toLowerCase(Locale.ROOT)),
                        delivery.attemptCount(),
                        ApiMapping.toTime(delivery.createdAt()),
                        delivery.attempts().stream()
                                .map(WebhookModels::toAttempt)
                                .toList())
                .lastStatus(last == null ? null : last.status())
                .lastLatencyMs(last == null ? null : last.latencyMs())
                .lastError(last == null ? null : last.error())
                .lastAttemptAt(last == null ? null : ApiMapping.toTime(last.at()))
                .nextAttemptAt(
                        delivery.state() == Delivery.State.PENDING
                                ? ApiMapping.toTime(delivery.nextAttemptAt())
                                : null);
    }

    private static WebhookAttempt toAttempt(Delivery.Attempt attempt) {
        return new WebhookAttempt(ApiMapping.toTime(attempt.at()), attempt.latencyMs())
                .status(attempt.status())
                .error(attempt.error());
    }

    static @Nullable List<String> wire(@Nullable List<EventType> events) {
        return events == null
                ? null
                : present("events", events).stream().map(EventType::getValue).toList();
    }

    /** 400 if a list holds a null ({@code [null]} is valid JSON the schema does not allow). */
    static <T> @Nullable List<T> present(String field, @Nullable List<T> values) {
        if (values != null && values.stream().anyMatch(Objects::isNull)) {
            throw ApiException.invalid(field, "must not contain null");
        }
        return values;
    }
}
