package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coolify traffic the simulator accepts and answers validates against coollabsio/coolify's openapi.json. */
class CoolifySpecTest {

    @Test
    void requestsAndResponsesMatchThePublishedSpec() {
        OpenApiInteractionValidator validator = SpecValidation.validator(
                SpecValidation.spec("coolify.json"),
                "/api/v1",
                LevelResolver.create()
                        // The published row schema omits columns the real row carries (finished_at,
                        // build_server_id, horizon_job_*: PROVIDERS.md §1); JSON Schema allows extra properties.
                        .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.WARN)
                        .build());
        try (Sandbox own = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(20)))) {
            SimulatedProvider coolify = own.provider("coolify");
            drive(coolify.baseUrl());

            List<String> errors = new ArrayList<>();
            for (ServeEvent event : SpecValidation.journal(coolify)) {
                Request request = SpecValidation.request(event);
                ValidationReport report;
                if (event.getResponse().getStatus() == 405) {
                    // A method the simulator refuses must be one the spec does not have either (GET /deploy).
                    report = validator.validateRequest(request);
                    if (report.getMessages().stream()
                            .noneMatch(m -> m.getKey().equals("validation.request.operation.notAllowed"))) {
                        errors.add(
                                "405 for an operation the spec has: " + request.getMethod() + " " + request.getPath());
                    }
                    continue;
                }
                // The spec wrongly declares the per-app history as an array of Application; the real API
                // returns {count, deployments} (PROVIDERS.md §1): only the request is checked there.
                boolean wrongInSpec = event.getRequest().getUrl().startsWith("/api/v1/deployments/applications/");
                report = wrongInSpec
                        ? validator.validateRequest(request)
                        : validator.validate(request, SpecValidation.response(event));
                if (report.hasErrors()) {
                    errors.add(SpecValidation.describe(event, report));
                }
            }
            assertThat(SpecValidation.journal(coolify)).hasSizeGreaterThan(6);
            assertThat(errors).isEmpty();
        }
    }

    private static void drive(URI base) {
        send(auth(get(base, "/applications")));
        String uuid = json(send(auth(post(base, "/deploy?uuid=cool-web&force=true", ""))))
                .get("deployments")
                .get(0)
                .get("deployment_uuid")
                .asString();
        send(auth(get(base, "/deployments/" + uuid)));
        send(auth(get(base, "/deployments")));
        send(auth(post(base, "/deployments/" + uuid + "/cancel", "")));
        send(auth(post(base, "/deployments/" + uuid + "/cancel", "")));
        send(auth(post(base, "/applications/cool-web/rollback", "{\"commit\":\"abc1234\"}")));
        send(auth(get(base, "/deployments/applications/cool-web?skip=0&take=5")));
        send(auth(get(base, "/deployments/nope")));
        send(auth(get(base, "/applications/cool-web/rollback-images")));
        send(auth(get(base, "/deploy?uuid=cool-web")));
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer sandbox");
    }
}
