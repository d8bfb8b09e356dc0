package dev.unideploy.gateway.problem;

import dev.unideploy.spi.ProviderException;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** Turns any failure into the problem the client sees. Never a stack trace, never a credential. */
public final class ProblemTranslation {

    /** Provider Retry-After values are honoured but clamped to this range. */
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private ProblemTranslation() {}

    /** The problem for {@code error}; null if it is unexpected (an internal error the caller must log). */
    public static @Nullable Problem toProblem(Throwable error) {
        if (error instanceof ApiException api) {
            return new Problem(
                    api.code(), api.getMessage(), api.provider(), null, api.errors(), clamp(api.retryAfter()));
        }
        if (error instanceof ProviderCallException call) {
            return fromProvider(call.provider(), call.failure());
        }
        if (error instanceof ProviderException failure) {
            return fromProvider(null, failure);
        }
        if (error instanceof WebExchangeBindException bind) {
            List<ApiException.FieldError> fields = bind.getFieldErrors().stream()
                    .map(ProblemTranslation::toFieldError)
                    .toList();
            String detail = fields.isEmpty()
                    ? "The request is invalid."
                    : fields.stream()
                            .map(f -> f.field() + ": " + f.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElseThrow();
            return new Problem(ProblemCode.INVALID_REQUEST, detail, null, null, fields, null);
        }
        if (error instanceof HandlerMethodValidationException validation) {
            List<ApiException.FieldError> fields = validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(resolvable -> new ApiException.FieldError(
                                    Optional.ofNullable(
                                                    result.getMethodParameter().getParameterName())
                                            .orElse("parameter"),
                                    Optional.ofNullable(resolvable.getDefaultMessage())
                                            .orElse("is invalid"))))
                    .toList();
            return new Problem(ProblemCode.INVALID_REQUEST, describe(fields), null, null, fields, null);
        }
        if (error instanceof ConstraintViolationException violation) {
            List<ApiException.FieldError> fields = violation.getConstraintViolations().stream()
                    .map(v -> new ApiException.FieldError(
                            lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(ApiException.FieldError::field))
                    .toList();
            return new Problem(ProblemCode.INVALID_REQUEST, describe(fields), null, null, fields, null);
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
        }
        if (error instanceof NotAcceptableStatusException) {
            return Problem.of(
                    ProblemCode.NOT_ACCEPTABLE, "The resource cannot be represented in an accepted media type.");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return Problem.of(
                    ProblemCode.METHOD_NOT_ALLOWED,
                    "Method " + notAllowed.getHttpMethod() + " is not allowed here; allowed: "
                            + notAllowed.getSupportedMethods() + ".");
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
        }
        if (error instanceof ServerWebInputException input) {
            return invalidInput(input);
        }
        if (error instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 404 -> Problem.of(ProblemCode.NOT_FOUND, "No such resource.");
                case 405 -> Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed.");
                case 406 -> Problem.of(ProblemCode.NOT_ACCEPTABLE, "Not acceptable.");
                case 413 -> Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
                case 415 -> Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type.");
                default ->
                    status.getStatusCode().is4xxClientError()
                            ? Problem.of(
                                    ProblemCode.INVALID_REQUEST,
                                    Optional.ofNullable(status.getReason()).orElse("Invalid request."))
                            : null;
            };
        }
        return null;
    }

    /** {@code listDeployments.limit} → {@code limit}. */
    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** True when {@code type} is anywhere in the cause chain (decoders wrap the limit in their own exceptions). */
    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<ApiException.FieldError> fields) {
        return fields.isEmpty()
                ? "The request is invalid."
                : String.join(
                        "; ",
                        fields.stream().map(f -> f.field() + ": " + f.message()).toList());
    }

    private static Problem invalidInput(ServerWebInputException input) {
        Throwable cause = input.getCause();
        ApiException.FieldError json = JsonInputProblems.fieldError(input);
        if (json != null) { // a JSON body with a wrong member: name it (strict reading, see StrictJson)
            String detail = json.field() + ": " + json.message();
            return new Problem(ProblemCode.INVALID_REQUEST, detail, null, null, List.of(json), null);
        }
        String field = input instanceof MissingRequestValueException missing ? missing.getName() : null;
        if (input.getMethodParameter() != null && field == null && !(cause instanceof DecodingException)) {
            field = input.getMethodParameter().getParameterName();
        }
        String detail = cause instanceof DecodingException
                ? "The request body is not valid JSON for this operation."
                : Optional.ofNullable(input.getReason()).orElse("Invalid request.");
        List<ApiException.FieldError> fields =
                field == null ? List.of() : List.of(new ApiException.FieldError(field, detail));
        return new Problem(
                ProblemCode.INVALID_REQUEST, field == null ? detail : field + ": " + detail, null, null, fields, null);
    }

    private static ApiException.FieldError toFieldError(FieldError error) {
        return new ApiException.FieldError(
                error.getField(), Optional.ofNullable(error.getDefaultMessage()).orElse("is invalid"));
    }

    /**
     * A provider failure as the client sees it. The provider's own answers — a refused request, its 5xx, a body we
     * cannot read — are 502 {@code provider_error} with its reason; 503 {@code provider_unavailable} is only for a
     * provider the gateway could not reach (or whose circuit is open); 400 only for input the adapter refused before
     * sending anything.
     */
    private static Problem fromProvider(@Nullable String provider, ProviderException failure) {
        Integer upstream = failure.upstreamStatus().orElse(null);
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof ProviderException.NotFound) {
            return forProvider(ProblemCode.NOT_FOUND, "Not found on the provider: " + message, provider, upstream);
        }
        if (failure instanceof ProviderException.AuthenticationFailed) {
            return forProvider(
                    ProblemCode.PROVIDER_ERROR,
                    "The provider rejected the gateway's credentials: " + message,
                    provider,
                    upstream);
        }
        if (failure instanceof ProviderException.RateLimited limited) {
            return new Problem(
                    ProblemCode.RATE_LIMITED,
                    "The provider is rate limiting: " + message,
                    provider,
                    upstream,
                    List.of(),
                    clamp(limited.retryAfter().orElse(Duration.ofSeconds(30))));
        }
        if (failure instanceof ProviderException.Unavailable unavailable) {
            return new Problem(
                    ProblemCode.PROVIDER_UNAVAILABLE,
                    "The provider is unavailable: " + message,
                    provider,
                    upstream,
                    List.of(),
                    clamp(unavailable.retryAfter().orElse(Duration.ofSeconds(10))));
        }
        if (failure instanceof ProviderException.Timeout) {
            return forProvider(
                    ProblemCode.PROVIDER_TIMEOUT, "The provider did not answer in time.", provider, upstream);
        }
        if (failure instanceof ProviderException.Conflict) {
            return forProvider(ProblemCode.CONFLICT, message, provider, upstream);
        }
        if (failure instanceof ProviderException.Unsupported unsupported) {
            return forProvider(
                    ProblemCode.UNSUPPORTED_OPERATION,
                    "The provider connection does not support "
                            + unsupported.capability().name().toLowerCase() + ".",
                    provider,
                    null);
        }
        if (failure instanceof ProviderException.InvalidRequest invalid && upstream == null) {
            List<ApiException.FieldError> fields = invalid.field()
                    .map(field -> List.of(new ApiException.FieldError(field, message)))
                    .orElse(List.of());
            return new Problem(ProblemCode.INVALID_REQUEST, message, provider, null, fields, null);
        }
        // the provider's own error answer (a refused request, its 5xx) or one we cannot use
        return forProvider(
                ProblemCode.PROVIDER_ERROR,
                upstream == null
                        ? "The provider answered unexpectedly: " + message
                        : "The provider answered HTTP " + upstream + ": " + message,
                provider,
                upstream);
    }

    private static Problem forProvider(
            ProblemCode code, String detail, @Nullable String provider, @Nullable Integer upstream) {
        return new Problem(code, detail, provider, upstream, List.of(), null);
    }

    static @Nullable Duration clamp(@Nullable Duration retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        if (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) return MIN_RETRY_AFTER;
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
}
