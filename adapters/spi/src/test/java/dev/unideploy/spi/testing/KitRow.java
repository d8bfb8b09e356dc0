package dev.unideploy.spi.testing;

import java.time.Instant;

/**
 * One deployment of the kit's listings, as a subclass renders it into its provider's JSON.
 *
 * @param sequence the provider's order of creation (its row number, version or deployment number); a subclass makes
 *     ids that sort as it does, so that equal timestamps have one right order
 * @param createdAt when the provider says it was created, whole seconds
 * @param status a provider status value
 */
public record KitRow(int sequence, Instant createdAt, String status) {}
