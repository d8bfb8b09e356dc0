package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.spi.ProviderException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Whether a failed write may still have happened at the provider. Only a failure that proves the provider refused
 * the request, or never got it, says no: the gateway's own refusals, the provider's 4xx answers, a connection that
 * was never made, an open circuit, a full bulkhead. Everything else — a time limit, a reset after sending, a body
 * that could not be read, a 5xx (which may come from a read that followed a successful write) — may hide a write
 * that landed.
 */
final class Ambiguity {

    private Ambiguity() {}

    static boolean mayHaveLanded(Throwable error) {
        if (error instanceof ApiException) {
            return false;
        }
        Throwable failure = error instanceof ProviderCallException call ? call.failure() : error;
        if (failure instanceof ProviderException.NotFound
                || failure instanceof ProviderException.AuthenticationFailed
                || failure instanceof ProviderException.RateLimited
                || failure instanceof ProviderException.Conflict
                || failure instanceof ProviderException.InvalidRequest
                || failure instanceof ProviderException.Unsupported) {
            return false;
        }
        return !neverSent(failure);
    }

    /** No connection was made, or the gateway refused the call before making one. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof CallNotPermittedException
                    || cause instanceof BulkheadFullException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
