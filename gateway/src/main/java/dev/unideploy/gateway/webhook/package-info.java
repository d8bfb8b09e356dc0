/**
 * Webhook subscriptions and their delivery to the Standard Webhooks specification: signed, at least once, retried
 * with exponential backoff and jitter, logged per delivery; deliveries of the shared feed's events are spread over the
 * instances by a consumer group and a schedule in the shared store.
 */
@NullMarked
package dev.unideploy.gateway.webhook;

import org.jspecify.annotations.NullMarked;
