package dev.unideploy.gateway.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An error the gateway answers itself, as a problem document. Its message is the problem's {@code detail}. */
public final class ApiException extends RuntimeException {

    /** One offending input field. */
    public record FieldError(String field, String message) {}

    private final ProblemCode code;
    private final @Nullable String provider;
    private final List<FieldError> errors;
    private final @Nullable Duration retryAfter;
    private final Map<String, Object> members;

    public ApiException(
            ProblemCode code,
            String detail,
            @Nullable String provider,
            List<FieldError> errors,
            @Nullable Duration retryAfter) {
        this(code, detail, provider, errors, retryAfter, Map.of());
    }

    /**
     * @param members extension members of the problem document beside the standard ones (e.g. {@code
     *     idempotencyKeyState}); never a credential
     */
    public ApiException(
            ProblemCode code,
            String detail,
            @Nullable String provider,
            List<FieldError> errors,
            @Nullable Duration retryAfter,
            Map<String, Object> members) {
        super(detail, null, false, false);
        this.code = code;
        this.provider = provider;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.members = Map.copyOf(members);
    }

    public static ApiException of(ProblemCode code, String detail) {
        return new ApiException(code, detail, null, List.of(), null);
    }

    public static ApiException notFound(String detail) {
        return of(ProblemCode.NOT_FOUND, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(
                ProblemCode.INVALID_REQUEST,
                field + ": " + message,
                null,
                List.of(new FieldError(field, message)),
                null);
    }

    public static ApiException conflict(String detail) {
        return of(ProblemCode.CONFLICT, detail);
    }

    public ProblemCode code() {
        return code;
    }

    public @Nullable String provider() {
        return provider;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Extension members of the problem document, written after the standard ones. */
    public Map<String, Object> members() {
        return members;
    }
}
