/** The Dokploy adapter: tRPC procedures over HTTP under {@code /api}, {@code x-api-key}, a raw-text WebSocket. */
@NullMarked
package dev.unideploy.adapter.dokploy;

import org.jspecify.annotations.NullMarked;
