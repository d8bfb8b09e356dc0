package dev.unideploy.cli;

import java.io.PrintWriter;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import reactor.core.Exceptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an error answer or a network failure into one readable report on stderr and exit code 4. An error answer
 * is an RFC 9457 problem document: its title, detail and code are printed (and the field errors of an
 * {@code invalid_request}); anything else is shown by its HTTP status.
 */
final class ApiErrors implements IExecutionExceptionHandler {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("error: " + describe(Exceptions.unwrap(exception)));
        err.flush();
        return ExitCode.API_ERROR;
    }

    String describe(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return describe(response);
        }
        if (failure instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            return "cannot reach the gateway at " + request.getUri().resolve("/") + ": " + message(cause);
        }
        return message(failure);
    }

    private String describe(WebClientResponseException response) {
        JsonNode problem = problem(response.getResponseBodyAsString());
        String title = text(problem, "title", response.getStatusText());
        StringBuilder report = new StringBuilder(title)
                .append(" (HTTP ")
                .append(response.getStatusCode().value())
                .append(')');
        String detail = text(problem, "detail", "");
        if (!detail.isEmpty()) {
            report.append(": ").append(detail);
        }
        String code = text(problem, "code", "");
        if (!code.isEmpty()) {
            report.append(System.lineSeparator()).append("  code: ").append(code);
        }
        String provider = text(problem, "provider", "");
        if (!provider.isEmpty()) {
            report.append(", provider: ").append(provider);
        }
        String requestId = text(problem, "requestId", "");
        if (!requestId.isEmpty()) {
            report.append(", request id: ").append(requestId);
        }
        for (JsonNode field : problem.path("errors")) {
            if (detail.contains(text(field, "message", ""))) {
                continue; // the detail says it already
            }
            report.append(System.lineSeparator())
                    .append("  ")
                    .append(text(field, "field", "?"))
                    .append(": ")
                    .append(text(field, "message", ""));
        }
        return report.toString();
    }

    private JsonNode problem(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException notJson) {
            return json.missingNode();
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : otherwise;
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message != null ? message : failure.getClass().getSimpleName();
    }
}
