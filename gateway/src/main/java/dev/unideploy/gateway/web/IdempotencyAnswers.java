package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProblemTranslation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * The problem answers that say where an {@code Idempotency-Key} stands, in the extension member {@value #STATE}:
 * {@code in_flight} (its request is being sent), {@code outcome_unknown} (its request may have reached the provider
 * and the gateway is finding out what it did). Written here, like every problem document, without a provider's own
 * words: the details are the gateway's.
 */
final class IdempotencyAnswers {

    /** The problem member naming the key's state. */
    static final String STATE = "idempotencyKeyState";

    static final String IN_FLIGHT = "in_flight";
    static final String OUTCOME_UNKNOWN = "outcome_unknown";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyAnswers.class);

    private IdempotencyAnswers() {}

    /** 409: the first request with the key is being sent now. */
    static <T> ResponseEntity<T> inFlight(ServerWebExchange exchange, Duration retryAfter) {
        return answer(
                exchange,
                Problem.of(ProblemCode.CONFLICT, "A request with this Idempotency-Key is still in flight."),
                IN_FLIGHT,
                retryAfter);
    }

    /** 409: the first request's outcome is not known yet; the gateway is looking for what it did. */
    static <T> ResponseEntity<T> reconciling(ServerWebExchange exchange, String mayHave, Duration retryAfter) {
        return answer(
                exchange,
                Problem.of(
                        ProblemCode.CONFLICT,
                        "The first request with this Idempotency-Key may have reached the provider but its answer was"
                                + " lost; " + mayHave + ". The gateway is finding out what it did and will not send"
                                + " it again meanwhile. Retry with the same key: it answers that result once known."),
                OUTCOME_UNKNOWN,
                retryAfter);
    }

    /**
     * A write that failed in a way that may hide a success: the failure's own status and code (504 {@code
     * provider_timeout} for a time limit), saying so.
     *
     * @param retryAfter for a keyed write, when a retry with the key may have an answer; null without a key
     */
    static <T> ResponseEntity<T> outcomeUnknown(
            ServerWebExchange exchange, Throwable error, String mayHave, @Nullable Duration retryAfter) {
        Problem failure = ProblemTranslation.toProblem(error);
        ProblemCode code = failure == null ? ProblemCode.INTERNAL_ERROR : failure.code();
        String detail = reason(code, failure == null ? null : failure.upstreamStatus()) + " " + capitalised(mayHave)
                + (retryAfter != null
                        ? ". Retrying with the same Idempotency-Key is safe: the gateway never sends it again while it"
                                + " may have succeeded, and answers what this request did once it has found out."
                        : ". This request had no Idempotency-Key, so a retry cannot be told from a new request and may"
                                + " do it twice: look before retrying, or send a key.");
        Duration wait = retryAfter != null ? retryAfter : failure == null ? null : failure.retryAfter();
        log.warn(
                "{} {} → {} ({}); outcome unknown",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                code.wire(),
                failure == null ? null : failure.provider());
        return answer(
                exchange,
                new Problem(
                        code,
                        detail,
                        failure == null ? null : failure.provider(),
                        failure == null ? null : failure.upstreamStatus(),
                        List.of(),
                        wait),
                retryAfter != null ? OUTCOME_UNKNOWN : null,
                wait);
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

    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> answer(
            ServerWebExchange exchange, Problem problem, @Nullable String state, @Nullable Duration retryAfter) {
        Map<String, Object> body =
                problem.body(exchange.getRequest().getPath().value(), RequestIdFilter.requestId(exchange));
        if (state != null) {
            body.put(STATE, state);
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(problem.code().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return (ResponseEntity<T>) response.body(body);
    }
}
