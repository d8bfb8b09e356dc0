/**
 * Provider simulators: in-process WireMock servers that speak the real APIs of Coolify, Dokploy, Zectre, Dooor
 * OS and Mist (see {@code shared/PROVIDERS.md}), with seeded apps and deployments that progress over time. The
 * gateway starts them in sandbox mode only; tests and benchmarks reuse them.
 */
@NullMarked
package dev.unideploy.sandbox;

import org.jspecify.annotations.NullMarked;
