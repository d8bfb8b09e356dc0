/**
 * Clients identified by OAuth 2.0 / OIDC bearer JWTs from configured issuers, their claims mapped to the gateway's
 * scopes and provider allowlists.
 */
@NullMarked
package dev.unideploy.gateway.identity;

import org.jspecify.annotations.NullMarked;
