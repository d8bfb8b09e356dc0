/** The Coolify v4 adapter: REST API under {@code /api/v1}, Sanctum bearer token. */
@NullMarked
package dev.unideploy.adapter.coolify;

import org.jspecify.annotations.NullMarked;
