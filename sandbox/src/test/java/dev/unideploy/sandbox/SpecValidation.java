package dev.unideploy.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/** Validates recorded simulator traffic (the WireMock journal) against a provider's published OpenAPI spec. */
final class SpecValidation {

    private SpecValidation() {}

    /** The spec file under {@code unideploy.shared.dir}; skips the calling test, visibly, when it is absent. */
    static Path spec(String name) {
        String dir = System.getProperty("unideploy.shared.dir");
        Path spec = dir == null ? null : Path.of(dir, "provider-specs", name);
        Assumptions.assumeTrue(
                spec != null && Files.isRegularFile(spec),
                "Skipping spec validation: provider-specs/" + name + " not found (system property unideploy.shared.dir="
                        + dir + "; a clone without ../shared cannot check against the published specs)");
        return spec;
    }

    static OpenApiInteractionValidator validator(Path spec, String basePath, LevelResolver levels) {
        return OpenApiInteractionValidator.createForSpecificationUrl(
                        spec.toUri().toString())
                .withBasePathOverride(basePath)
                .withLevelResolver(levels)
                .build();
    }

    static Request request(ServeEvent event) {
        var logged = event.getRequest();
        String url = logged.getUrl();
        int q = url.indexOf('?');
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(logged.getMethod().getName(), q < 0 ? url : url.substring(0, q));
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        for (HttpHeader header : logged.getHeaders().all()) {
            request.withHeader(header.key(), header.values());
        }
        if (!logged.getBodyAsString().isEmpty()) {
            request.withBody(logged.getBodyAsString());
        }
        return request.build();
    }

    static SimpleResponse response(ServeEvent event) {
        var logged = event.getResponse();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(logged.getStatus());
        for (HttpHeader header : logged.getHeaders().all()) {
            response.withHeader(header.key(), header.values());
        }
        if (!logged.getBodyAsString().isEmpty()) {
            response.withBody(logged.getBodyAsString());
        }
        return response.build();
    }

    /** A readable list of errors, with the request they belong to. */
    static String describe(ServeEvent event, ValidationReport report) {
        return event.getRequest().getMethod() + " " + event.getRequest().getUrl() + " → "
                + event.getResponse().getStatus() + ": "
                + report.getMessages().stream()
                        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                        .map(message -> message.getKey() + " " + message.getMessage())
                        .collect(Collectors.joining("; "));
    }

    static List<ServeEvent> journal(SimulatedProvider provider) {
        List<ServeEvent> events = new java.util.ArrayList<>(provider.server().getAllServeEvents());
        java.util.Collections.reverse(events);
        return events;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
