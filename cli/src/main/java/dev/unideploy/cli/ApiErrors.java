package dev.unideploy.cli;

import dev.unideploy.client.ProblemException;
import dev.unideploy.client.model.FieldError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import reactor.core.Exceptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an error answer or a network failure into one readable report on stderr, with what to do about it, and exit
 * code 4. An error answer is the gateway's problem document ({@link ProblemException}): its title, detail and code
 * are printed (and the field errors of an {@code invalid_request}); with {@code --json} the problem document itself is
 * also the JSON document on stdout.
 */
final class ApiErrors implements IExecutionExceptionHandler {

    private static final String NL = System.lineSeparator();

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        Throwable failure = Exceptions.unwrap(exception);
        List<String> hints = new ArrayList<>();
        if (failure instanceof Hinted hinted) {
            hints.add(hinted.getMessage());
            failure = hinted.getCause();
        }
        UnideployCommand root =
                (UnideployCommand) commandLine.getCommandSpec().root().userObject();
        if (root.jsonMode() && failure instanceof ProblemException problem) {
            commandLine
                    .getOut()
                    .println(JsonMapper.builder()
                            .build()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(problem.problem()));
            commandLine.getOut().flush();
        }
        PrintWriter err = commandLine.getErr();
        err.println("error: " + describe(failure, hints));
        err.flush();
        return ExitCode.API_ERROR;
    }

    String describe(Throwable failure, List<String> hints) {
        String report;
        if (failure instanceof ProblemException problem) {
            report = describe(problem);
            hints.addAll(hints(problem));
        } else if (failure instanceof WebClientRequestException request) {
            report = "cannot reach the gateway at " + request.getUri().resolve("/") + ": "
                    + message(request.getMostSpecificCause());
            hints.add("check the gateway URL (--url or UNIDEPLOY_URL) and that the gateway is running");
        } else {
            report = message(failure);
        }
        StringBuilder text = new StringBuilder(report);
        hints.forEach(hint -> text.append(NL).append("  hint: ").append(hint));
        return text.toString();
    }

    private static String describe(ProblemException problem) {
        StringBuilder report = new StringBuilder(problem.title())
                .append(" (HTTP ")
                .append(problem.status())
                .append(')');
        String detail = problem.detail() != null ? problem.detail() : "";
        if (!detail.isEmpty()) {
            report.append(": ").append(detail);
        }
        report.append(NL).append("  code: ").append(problem.code());
        if (problem.provider() != null) {
            report.append(", provider: ").append(problem.provider());
        }
        if (problem.requestId() != null) {
            report.append(", request id: ").append(problem.requestId());
        }
        for (FieldError field : problem.errors()) {
            if (!detail.contains(field.getMessage())) { // else the detail says it already
                report.append(NL)
                        .append("  ")
                        .append(field.getField())
                        .append(": ")
                        .append(field.getMessage());
            }
        }
        return report.toString();
    }

    private static List<String> hints(ProblemException problem) {
        return switch (problem.status()) {
            case 401 -> List.of("set UNIDEPLOY_TOKEN or pass --token with a gateway API key (sandbox mode: sandbox)");
            case 403 -> List.of("this API key lacks the scope or the provider connection; ask for a key that has it");
            case 429 -> List.of("rate limited: try again later");
            default -> List.of();
        };
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message != null ? message : failure.getClass().getSimpleName();
    }

    /** A failure and what the user can do about it. */
    static final class Hinted extends RuntimeException {
        Hinted(Throwable cause, String hint) {
            super(hint, cause, false, false);
        }
    }
}
