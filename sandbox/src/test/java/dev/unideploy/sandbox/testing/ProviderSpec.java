package dev.unideploy.sandbox.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;

/**
 * A provider's published OpenAPI spec from {@code ../shared/provider-specs/}, checked with Atlassian's
 * swagger-request-validator: requests and responses as WireMock recorded them (the simulators' journal in the sandbox,
 * an adapter's requests in contract-tests), or a response body on its own. Every rule is an error; where a spec is
 * wrong (PROVIDERS.md), the calling test drops that one rule for that one operation and says why. Without the shared
 * directory the calling test is skipped, saying why. Published in the sandbox's test-jar.
 */
public final class ProviderSpec {

    /** One broken rule: the exchange it was found in, the validator's rule key and its message. */
    public record Violation(String exchange, String rule, String message) {
        @Override
        public String toString() {
            return exchange + ": " + rule + " " + message;
        }
    }

    private final String file;
    private final String basePath;
    private final OpenApiInteractionValidator validator;

    private ProviderSpec(String file, String basePath, OpenApiInteractionValidator validator) {
        this.file = file;
        this.basePath = basePath;
        this.validator = validator;
    }

    /**
     * Loads {@code <unideploy.shared.dir>/provider-specs/<file>} served under {@code basePath}, or skips the test with
     * the reason. Without the property, {@code ../shared} beside the checkout is tried (a module runs in
     * {@code <checkout>/<module>}).
     */
    public static ProviderSpec load(String file, String basePath) throws IOException {
        String dir = System.getProperty("unideploy.shared.dir");
        Path shared = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of("").toAbsolutePath().resolve("../../shared").normalize();
        Path path = shared.resolve("provider-specs").resolve(file);
        Assumptions.assumeTrue(
                Files.isRegularFile(path),
                () -> "SKIPPED validation against the published spec: " + path
                        + " not found (system property unideploy.shared.dir=" + dir
                        + "); CI has ../shared beside the checkout");
        // The validator (2.46) reads schemas the OpenAPI 3.0 way: given a 3.1 document it drops every "type", so no
        // body or parameter type is checked. Read as 3.0 they keep their types. A 3.1 type array ("type": ["string",
        // "null"], e.g. rollback-images' "current") is then dropped, so that one property goes unchecked; const and
        // propertyNames occur in none of the operations checked.
        String text =
                Files.readString(path).replaceFirst("\"openapi\"\\s*:\\s*\"3\\.1\\.\\d+\"", "\"openapi\": \"3.0.3\"");
        // Parsed here, not by the validator, which refuses a document with parser messages. Options as the
        // validator's own: references resolved fully (response $refs too), allOf/oneOf left as they are.
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        OpenAPI api = Objects.requireNonNull(parsed.getOpenAPI(), () -> file + ": " + parsed.getMessages());
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                .withBasePathOverride(basePath)
                // Every rule an error; the default resolver ignores query parameters the spec does not declare.
                .withLevelResolver(LevelResolver.create().build())
                .build();
        return new ProviderSpec(file, basePath, validator);
    }

    /** WireMock's journal in the order the requests came (WireMock lists the newest first). */
    public static List<ServeEvent> journal(Stubbing wiremock) {
        List<ServeEvent> events = new ArrayList<>(wiremock.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    /** What the spec says is wrong with a recorded request (method, path, query, headers, body). */
    public List<Violation> violations(LoggedRequest request) {
        return errors(request.getMethod() + " " + request.getUrl(), validator.validateRequest(request(request)));
    }

    /** What the spec says is wrong with a recorded exchange: its request and the response it got. */
    public List<Violation> violations(ServeEvent event) {
        return errors(label(event), validator.validate(request(event.getRequest()), response(event.getResponse())));
    }

    /** What the spec says is wrong with a recorded response alone (for requests that were meant to be refused). */
    public List<Violation> responseViolations(ServeEvent event) {
        Request request = request(event.getRequest());
        return errors(
                label(event),
                validator.validateResponse(request.getPath(), request.getMethod(), response(event.getResponse())));
    }

    /** What the spec says is wrong with a JSON response to {@code method path} (under the base path). */
    public List<Violation> responseViolations(String method, String path, int status, String body) {
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(body)
                .build();
        ValidationReport report = validator.validateResponse(basePath + path, Request.Method.valueOf(method), response);
        return errors(method + " " + path + " → " + status, report);
    }

    private static Request request(LoggedRequest logged) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(
                logged.getMethod().getName(), logged.getUrl().replaceFirst("\\?.*", ""));
        logged.getQueryParams().forEach((name, values) -> request.withQueryParam(name, values.values()));
        for (HttpHeader header : logged.getHeaders().all()) {
            request.withHeader(header.key(), header.values());
        }
        String body = logged.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return request.build();
    }

    private static SimpleResponse response(LoggedResponse logged) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(logged.getStatus());
        for (HttpHeader header : logged.getHeaders().all()) {
            response.withHeader(header.key(), header.values());
        }
        String body = logged.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return response.build();
    }

    private static String label(ServeEvent event) {
        return event.getRequest().getMethod() + " " + event.getRequest().getUrl() + " → "
                + event.getResponse().getStatus();
    }

    private List<Violation> errors(String exchange, ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> new Violation(exchange + " (" + file + ")", message.getKey(), message.getMessage()))
                .toList();
    }

    @Override
    public String toString() {
        return "ProviderSpec[" + file + " at " + basePath + "]";
    }
}
