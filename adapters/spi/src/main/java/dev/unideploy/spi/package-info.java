/**
 * The port every Unideploy provider adapter implements.
 *
 * <p>An adapter translates the normalised deployment model to one provider's real API and back. It never
 * caches, retries, rate-limits or breaks circuits: the gateway decorates every adapter with those. Adapters
 * are found with {@link java.util.ServiceLoader} through {@link dev.unideploy.spi.ProviderAdapterFactory}.
 *
 * <p>Identifiers in this package are <em>local</em>: the gateway prefixes them with the connection id and a
 * colon ({@code coolify-prod:abc}). A local id is URL-safe, stable, and carries whatever the adapter needs
 * to find the object again without server state (e.g. Mist's app id beside its deployment id).
 */
@NullMarked
package dev.unideploy.spi;

import org.jspecify.annotations.NullMarked;
