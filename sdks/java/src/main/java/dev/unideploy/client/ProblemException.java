package dev.unideploy.client;

import dev.unideploy.client.model.FieldError;
import dev.unideploy.client.model.Problem;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error answer of the gateway as its RFC 9457 problem document: {@link #status()}, {@link #code()} (switch on it),
 * {@link #title()}, {@link #detail()}, {@link #requestId()}, {@link #provider()}. The message reads {@code Not found
 * (HTTP 404 not_found): Deployment coolify:x does not exist. [request 0af7…]}.
 */
public final class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem, @Nullable Throwable cause) {
        super(message(problem), cause);
        this.problem = problem;
    }

    /**
     * The problem an error answer carries; an answer that is not a problem document (a proxy's HTML page) becomes one
     * with its HTTP status and reason, and the code {@code http_<status>}.
     */
    public static ProblemException from(WebClientResponseException response, JsonMapper json) {
        Problem problem = read(response.getResponseBodyAsString(), json);
        if (problem == null) {
            int status = response.getStatusCode().value();
            problem = new Problem()
                    .status(status)
                    .title(response.getStatusText().isBlank() ? "HTTP " + status : response.getStatusText())
                    .detail("The gateway answered HTTP " + status + " without a problem document.")
                    .code("http_" + status);
        }
        return new ProblemException(problem, response);
    }

    /** A problem document as JSON text (an {@code error} event's data), or null when it is not one. */
    static @Nullable Problem read(String body, JsonMapper json) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            return problem != null && problem.getCode() != null ? problem : null;
        } catch (JacksonException | IllegalArgumentException notAProblem) {
            return null;
        }
    }

    /** The whole problem document, with {@code type}, {@code instance}, {@code upstreamStatus} and field errors. */
    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.getStatus();
    }

    public String code() {
        return problem.getCode();
    }

    public String title() {
        return problem.getTitle();
    }

    public @Nullable String detail() {
        return problem.getDetail();
    }

    public @Nullable String requestId() {
        return problem.getRequestId();
    }

    public @Nullable String provider() {
        return problem.getProvider();
    }

    /** For {@code invalid_request}: the invalid fields. */
    public List<FieldError> errors() {
        return problem.getErrors() != null ? problem.getErrors() : List.of();
    }

    private static String message(Problem problem) {
        StringBuilder message = new StringBuilder(String.valueOf(problem.getTitle()))
                .append(" (HTTP ")
                .append(problem.getStatus())
                .append(' ')
                .append(problem.getCode())
                .append(problem.getProvider() != null ? ", provider " + problem.getProvider() : "")
                .append(')');
        if (problem.getDetail() != null && !problem.getDetail().isBlank()) {
            message.append(": ").append(problem.getDetail());
        }
        if (problem.getRequestId() != null) {
            message.append(" [request ").append(problem.getRequestId()).append(']');
        }
        return message.toString();
    }
}
