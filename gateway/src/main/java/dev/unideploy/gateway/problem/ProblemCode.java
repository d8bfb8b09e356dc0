package dev.unideploy.gateway.problem;

import org.springframework.http.HttpStatus;

/** The stable {@code code} of every problem document (DESIGN.md §2), with its status and title. */
public enum ProblemCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),
    /** Refused by the HTTP layer before the application: the request line is over its limit. */
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "URI too long"),
    /** Refused by the HTTP layer before the application: the headers are over their limit. */
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request header fields too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    UNSUPPORTED_OPERATION(HttpStatus.NOT_IMPLEMENTED, "Unsupported operation"),
    PROVIDER_ERROR(HttpStatus.BAD_GATEWAY, "Provider error"),
    PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Provider unavailable"),
    PROVIDER_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Provider timeout"),
    /** The store shared by instances (Redis) does not answer: nothing was done. */
    STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable");

    private final HttpStatus status;
    private final String title;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire value, e.g. {@code not_found}. */
    public String wire() {
        return name().toLowerCase();
    }

    /** The problem type URI. */
    public String type() {
        return "https://unideploy.dev/problems/" + wire().replace('_', '-');
    }
}
