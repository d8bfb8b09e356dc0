/**
 * The gateway in a browser: CORS for configured origins, the dashboard's signed session cookie, short-lived stream
 * tickets for {@code EventSource}, and OIDC sign-in (authorization code with PKCE) for the dashboard served at
 * {@code /}.
 */
@NullMarked
package dev.unideploy.gateway.browser;

import org.jspecify.annotations.NullMarked;
