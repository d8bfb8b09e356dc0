package dev.unideploy.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A provider call that did not succeed, as one of a closed set of outcomes the gateway maps to problem responses.
 * Messages never hold a credential: adapters put the provider's own message in, never a request header.
 */
public abstract sealed class ProviderException extends RuntimeException {

    private final @Nullable Integer upstreamStatus;

    private ProviderException(String message, @Nullable Integer upstreamStatus, @Nullable Throwable cause) {
        super(message, cause, false, false);
        this.upstreamStatus = upstreamStatus;
    }

    /** The provider's HTTP status, where there was one. */
    public Optional<Integer> upstreamStatus() {
        return Optional.ofNullable(upstreamStatus);
    }

    /** The deployment, app or revision does not exist on the provider. */
    public static final class NotFound extends ProviderException {
        public NotFound(String message, @Nullable Integer upstreamStatus) {
            super(message, upstreamStatus, null);
        }
    }

    /** The provider rejected the connection's credentials (401) or their permissions (403). */
    public static final class AuthenticationFailed extends ProviderException {
        public AuthenticationFailed(String message, @Nullable Integer upstreamStatus) {
            super(message, upstreamStatus, null);
        }
    }

    /** The provider throttles us; try again after {@code retryAfter} where it said. */
    public static final class RateLimited extends ProviderException {
        private final @Nullable Duration retryAfter;

        public RateLimited(String message, @Nullable Integer upstreamStatus, @Nullable Duration retryAfter) {
            super(message, upstreamStatus, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * The provider could not be reached: it is down, unreachable or reset the connection, or the proxy in front of
     * it answered 502 or 503 (it cannot reach the provider, or the provider is overloaded).
     */
    public static final class Unavailable extends ProviderException {
        private final @Nullable Duration retryAfter;

        public Unavailable(
                String message,
                @Nullable Integer upstreamStatus,
                @Nullable Duration retryAfter,
                @Nullable Throwable cause) {
            super(message, upstreamStatus, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The provider did not answer in time. */
    public static final class Timeout extends ProviderException {
        public Timeout(String message, @Nullable Throwable cause) {
            super(message, null, cause);
        }
    }

    /** The request conflicts with the deployment's state, e.g. cancelling a finished deployment. */
    public static final class Conflict extends ProviderException {
        public Conflict(String message, @Nullable Integer upstreamStatus) {
            super(message, upstreamStatus, null);
        }
    }

    /**
     * The request is invalid: found by the adapter before any call (e.g. replicas out of range), or by the
     * provider (4xx validation error).
     *
     * @param field the offending input field, where known
     */
    public static final class InvalidRequest extends ProviderException {
        private final @Nullable String field;

        public InvalidRequest(String message, @Nullable String field, @Nullable Integer upstreamStatus) {
            super(message, upstreamStatus, null);
            this.field = field;
        }

        public Optional<String> field() {
            return Optional.ofNullable(field);
        }
    }

    /** The connection does not support the operation; nothing was sent. */
    public static final class Unsupported extends ProviderException {
        private final Capability capability;

        public Unsupported(Capability capability) {
            super(capability.name().toLowerCase() + " is not supported by this provider", null, null);
            this.capability = capability;
        }

        public Capability capability() {
            return capability;
        }
    }

    /**
     * The provider answered, but not with a result: its own error (a 500 with its reason, say), or a status or body
     * this adapter cannot use.
     */
    public static final class BadResponse extends ProviderException {
        public BadResponse(String message, @Nullable Integer upstreamStatus, @Nullable Throwable cause) {
            super(message, upstreamStatus, cause);
        }
    }

    /**
     * The generic translation of an unsuccessful HTTP status. Adapters handle their provider's quirks first
     * (Dokploy's throttling as 401, Coolify's 400 for a foreign token, Mist's "record not found" 500) and fall back
     * to this. Only 502 and 503 — a proxy that cannot reach the provider, or an overloaded provider — and the
     * timeouts 408 and 504 say the provider is not there; any other 5xx is the provider's own error answer.
     *
     * @param retryAfterHeader the raw {@code Retry-After} value, seconds or an HTTP date
     * @param message the provider's own message, never a request header
     */
    public static ProviderException forStatus(int status, @Nullable String retryAfterHeader, String message) {
        return switch (status) {
            case 401, 403 -> new AuthenticationFailed(message, status);
            case 404, 410 -> new NotFound(message, status);
            case 409 -> new Conflict(message, status);
            case 429 -> new RateLimited(message, status, parseRetryAfter(retryAfterHeader));
            case 408, 504 -> new Timeout(message + " (upstream " + status + ")", null);
            case 502, 503 -> new Unavailable(message, status, parseRetryAfter(retryAfterHeader), null);
            default ->
                status >= 500
                        ? new BadResponse(message, status, null)
                        : status >= 400
                                ? new InvalidRequest(message, null, status)
                                : new BadResponse("unexpected status " + status + ": " + message, status, null);
        };
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static @Nullable Duration parseRetryAfter(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration delta = Duration.between(Instant.now(), at);
                return delta.isNegative() ? Duration.ZERO : delta;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
