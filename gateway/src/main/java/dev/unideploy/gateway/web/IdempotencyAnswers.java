package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProblemTranslation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The problems that say where an {@code Idempotency-Key} stands, in the extension member {@value #STATE}: {@code
 * in_flight} (its request is being sent), {@code outcome_unknown} (its request may have reached the provider and the
 * gateway is finding out what it did). Their details are the gateway's own words, never a provider's.
 */
final class IdempotencyAnswers {

    /** The problem member naming the key's state. */
    static final String STATE = "idempotencyKeyState";

    static final String IN_FLIGHT = "in_flight";
    static final String OUTCOME_UNKNOWN = "outcome_unknown";

    private IdempotencyAnswers() {}

    /** 409: the first request with the key is being sent now. */
    static ApiException inFlight(Duration retryAfter) {
        return new ApiException(
                ProblemCode.CONFLICT,
                "A request with this Idempotency-Key is still in flight.",
                null,
                List.of(),
                retryAfter,
                Map.of(STATE, IN_FLIGHT));
    }

    /** 409: the first request's outcome is not known yet; the gateway is looking for what it did. */
    static ApiException reconciling(String mayHave, Duration retryAfter) {
        return new ApiException(
                ProblemCode.CONFLICT,
                "The first request with this Idempotency-Key may have reached the provider but its answer was lost; "
                        + mayHave + ". The gateway is finding out what it did and will not send it again meanwhile."
                        + " Retry with the same key: it answers that result once known.",
                null,
                List.of(),
                retryAfter,
                Map.of(STATE, OUTCOME_UNKNOWN));
    }

    /**
     * A write that failed in a way that may hide a success: the failure's own status and code (504 {@code
     * provider_timeout} for a time limit), saying so.
     *
     * @param retryAfter for a keyed write, when a retry with the key may have an answer; null without a key
     */
    static ApiException outcomeUnknown(Throwable error, String mayHave, @Nullable Duration retryAfter) {
        Problem failure = ProblemTranslation.toProblem(error);
        ProblemCode code = failure == null ? ProblemCode.INTERNAL_ERROR : failure.code();
        Integer upstreamStatus = failure == null ? null : failure.upstreamStatus();
        String detail = reason(code, upstreamStatus) + " " + capitalised(mayHave)
                + (retryAfter != null
                        ? ". Retrying with the same Idempotency-Key is safe: the gateway never sends it again while it"
                                + " may have succeeded, and answers what this request did once it has found out."
                        : ". This request had no Idempotency-Key, so a retry cannot be told from a new request and may"
                                + " do it twice: look before retrying, or send a key.");
        Map<String, Object> members = new LinkedHashMap<>();
        if (upstreamStatus != null) {
            members.put("upstreamStatus", upstreamStatus);
        }
        if (retryAfter != null) {
            members.put(STATE, OUTCOME_UNKNOWN);
        }
        return new ApiException(
                code,
                detail,
                failure == null ? null : failure.provider(),
                List.of(),
                retryAfter != null ? retryAfter : failure == null ? null : failure.retryAfter(),
                members);
    }

    private static String reason(ProblemCode code, @Nullable Integer upstreamStatus) {
        return switch (code) {
            case PROVIDER_TIMEOUT -> "The provider did not answer in time.";
            case PROVIDER_UNAVAILABLE ->
                upstreamStatus != null
                        ? "The provider answered " + upstreamStatus + " after the request was sent."
                        : "The connection to the provider failed after the request was sent.";
            case PROVIDER_ERROR -> "The provider's answer could not be read.";
            default -> "The request failed after it was sent.";
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
