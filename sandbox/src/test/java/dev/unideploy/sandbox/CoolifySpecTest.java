package dev.unideploy.sandbox;

import static dev.unideploy.sandbox.Http.get;
import static dev.unideploy.sandbox.Http.json;
import static dev.unideploy.sandbox.Http.post;
import static dev.unideploy.sandbox.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.unideploy.sandbox.testing.ProviderSpec;
import dev.unideploy.sandbox.testing.ProviderSpec.Violation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Coolify traffic the simulator accepts and answers validates against coollabsio/coolify's openapi.json. */
class CoolifySpecTest {

    /** The row's columns coolify.json does not declare (see {@link #wrongInSpec}). */
    private static final Pattern UNDECLARED_COLUMNS = Pattern.compile(
            ".*not allowed by the schema: \\[(\"(finished_at|build_server_id|horizon_job_id|horizon_job_worker)\",?)+]");

    /** The row's nullable columns coolify.json declares non-null (see {@link #wrongInSpec}). */
    private static final Pattern NULL_COLUMNS =
            Pattern.compile("\\[Path '(/\\d+)?/(current_process_id|git_type)'] Instance type \\(null\\) .*");

    @Test
    void requestsAndResponsesMatchThePublishedSpec() throws IOException {
        ProviderSpec spec = ProviderSpec.load("coolify.json", "/api/v1");
        // One state per second: the new deployment is still queued while it is read, listed and cancelled.
        try (Sandbox own = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(1)))) {
            SimulatedProvider coolify = own.provider("coolify");
            drive(coolify.baseUrl());

            List<ServeEvent> journal = ProviderSpec.journal(coolify.server());
            List<Violation> errors = new ArrayList<>();
            for (ServeEvent event : journal) {
                if (event.getResponse().getStatus() == 405) {
                    // A method the simulator refuses must be one the spec does not have either (GET /deploy).
                    assertThat(spec.violations(event.getRequest()))
                            .extracting(Violation::rule)
                            .as(event.getRequest().getUrl())
                            .contains("validation.request.operation.notAllowed");
                    continue;
                }
                spec.violations(event).stream()
                        .filter(violation -> !wrongInSpec(event, violation))
                        .forEach(errors::add);
            }
            assertThat(journal).hasSizeGreaterThan(6);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void theCheckerSeesTypesInResponses() throws IOException {
        ProviderSpec spec = ProviderSpec.load("coolify.json", "/api/v1");

        assertThat(spec.responseViolations("GET", "/deployments/d-1", 200, "{\"id\":\"seven\"}"))
                .extracting(Violation::rule)
                .containsExactly("validation.response.body.schema.type");
        // A null git_type is allowed (the spec is wrong there); a null commit is not.
        assertThat(spec.responseViolations("GET", "/deployments/d-1", 200, "{\"git_type\":null,\"commit\":null}"))
                .filteredOn(violation -> !wrongInSpec("/api/v1/deployments/d-1", violation))
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("[Path '/commit']");
        // The per-app history as Coolify answers it breaks the published schema at the top level only.
        assertThat(spec.responseViolations("GET", "/deployments/applications/cool-web", 200, "{\"count\":0}"))
                .singleElement()
                .satisfies(violation -> assertThat(wrongInSpec("/api/v1/deployments/applications/cool-web", violation))
                        .isTrue());
    }

    /**
     * Where coolify.json is wrong about what Coolify answers, each case pinned to its operation and rule:
     * <ul>
     *   <li>GET /deployments/applications/{uuid}: the spec says an array of Application; Coolify returns {@code
     *       {count, deployments}} (PROVIDERS.md §1). Only the top-level type is dropped.
     *   <li>the queue row (GET /deployments/{uuid}, GET /deployments): its schema lacks columns the real row has,
     *       {@code finished_at}, {@code build_server_id}, {@code horizon_job_id}, {@code horizon_job_worker}
     *       (PROVIDERS.md §1, "Deployment object"); the validator forbids undeclared properties.
     *   <li>the same row: {@code current_process_id} and {@code git_type} are declared non-null strings, but both
     *       columns are nullable and null on an API deploy (PROVIDERS.md §1 lists them; Coolify's migration makes
     *       {@code current_process_id} {@code ->nullable()}, {@code queue_application_deployment} passes {@code
     *       git_type = null} unless a webhook names the git host).
     * </ul>
     */
    private static boolean wrongInSpec(ServeEvent event, Violation violation) {
        return event.getRequest().getMethod().getName().equals("GET")
                && event.getResponse().getStatus() == 200
                && wrongInSpec(event.getRequest().getUrl().replaceFirst("\\?.*", ""), violation);
    }

    /** {@link #wrongInSpec(ServeEvent, Violation)} for a 200 answer to GET {@code path}. */
    private static boolean wrongInSpec(String path, Violation violation) {
        if (path.startsWith("/api/v1/deployments/applications/")) {
            return violation.rule().equals("validation.response.body.schema.type")
                    && !violation.message().startsWith("[Path");
        }
        return path.matches("/api/v1/deployments(/[^/]+)?")
                && switch (violation.rule()) {
                    case "validation.response.body.schema.additionalProperties" ->
                        UNDECLARED_COLUMNS.matcher(violation.message()).matches();
                    case "validation.response.body.schema.type" ->
                        NULL_COLUMNS.matcher(violation.message()).matches();
                    default -> false;
                };
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
