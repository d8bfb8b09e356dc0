/**
 * State that several gateway instances must share (DESIGN.md §3): idempotency records, the cancel ledger and
 * per-client rate limits. In this instance's memory (Caffeine) by default; in Redis with
 * {@code unideploy.store=redis}, so that any instance behind a load balancer answers the same.
 */
@NullMarked
package dev.unideploy.gateway.store;

import org.jspecify.annotations.NullMarked;
