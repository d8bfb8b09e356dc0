package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.ProviderFailure;
import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProblemTranslation;
import dev.unideploy.gateway.problem.SecretRedaction;

/** A provider that failed inside a fan-out, as the {@code errors} entry of a list. */
final class Failures {

    private Failures() {}

    static ProviderFailure toProviderFailure(String provider, Throwable error, SecretRedaction redaction) {
        Problem problem = ProblemTranslation.toProblem(error);
        if (problem == null) {
            problem = Problem.of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred.");
        }
        // the detail may carry a provider's own message, which may echo a credential it refused
        return new ProviderFailure(
                provider, problem.code().wire(), problem.code().status().value(), redaction.redact(problem.detail()));
    }
}
