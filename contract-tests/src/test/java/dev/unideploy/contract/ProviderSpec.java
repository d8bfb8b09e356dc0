package dev.unideploy.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;

/**
 * A provider's published OpenAPI spec from {@code ../shared/provider-specs/}, checked with Atlassian's
 * swagger-request-validator (as the sandbox's spec tests do): the requests an adapter sent (WireMock's journal) and the
 * responses we stub. Every rule is an error; where a spec is wrong (PROVIDERS.md), the test says so at that call.
 * Without the shared directory the calling test is skipped, saying why.
 */
public final class ProviderSpec {

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
     * the reason. Without the property, {@code ../shared} beside the checkout is tried (the module runs in
     * {@code <checkout>/contract-tests}).
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
        // body or parameter type is checked. Read as 3.0 they keep their types; the 3.1-only keywords the parser
        // then complains about (const, propertyNames, type arrays) occur in none of the operations the adapters use.
        String text =
                Files.readString(path).replaceFirst("\"openapi\"\\s*:\\s*\"3\\.1\\.\\d+\"", "\"openapi\": \"3.0.3\"");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        OpenAPI api = Objects.requireNonNull(parsed.getOpenAPI(), () -> file + ": " + parsed.getMessages());
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                .withBasePathOverride(basePath)
                // Every rule an error; the default resolver ignores query parameters the spec does not declare.
                .withLevelResolver(LevelResolver.create().build())
                .build();
        return new ProviderSpec(file, basePath, validator);
    }

    /** What the spec says is wrong with a request the adapter sent (method, path, query, headers, body). */
    public List<String> violations(LoggedRequest logged) {
        String path = logged.getUrl().replaceFirst("\\?.*", "");
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(logged.getMethod().getName(), path);
        logged.getQueryParams().forEach((name, values) -> request.withQueryParam(name, values.values()));
        for (HttpHeader header : logged.getHeaders().all()) {
            request.withHeader(header.key(), header.values());
        }
        String body = logged.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return errors(logged.getMethod() + " " + logged.getUrl(), validator.validateRequest(request.build()));
    }

    /** What the spec says is wrong with a JSON response we stub for {@code path} (under the base path). */
    public List<String> responseViolations(String method, String path, int status, String body) {
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(body)
                .build();
        ValidationReport report = validator.validateResponse(basePath + path, Request.Method.valueOf(method), response);
        return errors("response " + status + " of " + method + " " + path, report);
    }

    private List<String> errors(String label, ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> label + " (" + file + "): " + message.getKey() + " " + message.getMessage())
                .toList();
    }

    @Override
    public String toString() {
        return "ProviderSpec[" + file + " at " + basePath + "]";
    }
}
