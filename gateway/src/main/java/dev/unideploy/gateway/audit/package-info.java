/**
 * The audit trail: every mutating call (deployments, apps, webhooks, passthrough writes) recorded in the shared store
 * and logged as one JSON line, readable by admins at {@code GET /v1/audit}; and which client made which deployment
 * ({@code triggeredBy}).
 */
@NullMarked
package dev.unideploy.gateway.audit;

import org.jspecify.annotations.NullMarked;
