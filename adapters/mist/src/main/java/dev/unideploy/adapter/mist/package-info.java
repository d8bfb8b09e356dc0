/** The Mist adapter: cookie session of a service account, JSON envelopes, a WebSocket log stream. */
@NullMarked
package dev.unideploy.adapter.mist;

import org.jspecify.annotations.NullMarked;
