package dev.unideploy.contract.coolify;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider's published OpenAPI spec from {@code ../shared/provider-specs/}, checking what an adapter sends:
 * operation, path and query parameters, credentials and the JSON body (type, required, properties, bounds), and
 * responses where the spec is right. A structural subset of OpenAPI 3.1, enough for the operations we use.
 * Without the shared directory the calling test is skipped, saying why. Used by the Coolify and Dokploy tests.
 */
public final class PublishedSpec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final String name;
    private final JsonNode root;

    private PublishedSpec(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /**
     * Loads {@code <unideploy.shared.dir>/provider-specs/<file>}, or skips the test with the reason. Without the
     * property, {@code ../shared} beside the checkout is tried (the module runs in {@code <checkout>/contract-tests}).
     */
    public static PublishedSpec load(String file) throws IOException {
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
        return new PublishedSpec(file, MAPPER.readTree(Files.readString(path)));
    }

    /** What the spec says is wrong with a request the adapter sent; empty when it conforms. */
    public List<String> violations(LoggedRequest request, String basePath) {
        List<String> out = new ArrayList<>();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        if (!path.startsWith(basePath)) {
            out.add(url + ": not under " + basePath);
            return out;
        }
        path = path.substring(basePath.length());
        String template = template(path);
        String label = request.getMethod() + " " + url + " (" + name + ")";
        if (template == null) {
            out.add(label + ": no such path in the spec");
            return out;
        }
        JsonNode item = root.path("paths").path(template);
        JsonNode operation = item.path(request.getMethod().getName().toLowerCase());
        if (operation.isMissingNode()) {
            out.add(label + ": no " + request.getMethod() + " operation on " + template);
            return out;
        }
        checkParameters(item, operation, template, path, parse(query), label, out);
        checkSecurity(operation, request, label, out);
        checkBody(operation, request.getBodyAsString(), label, out);
        return out;
    }

    /** What the spec says is wrong with a response body we stub; empty when it conforms. */
    public List<String> responseViolations(String method, String template, int status, String body) {
        List<String> out = new ArrayList<>();
        JsonNode response = resolve(root.path("paths")
                .path(template)
                .path(method.toLowerCase())
                .path("responses")
                .path(String.valueOf(status)));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            out.add(method + " " + template + " " + status + ": no JSON response in the spec");
            return out;
        }
        validate(schema, MAPPER.readTree(body), "response of " + method + " " + template, out);
        return out;
    }

    private String template(String path) {
        String[] segments = path.split("/", -1);
        for (Iterator<String> names = root.path("paths").propertyNames().iterator(); names.hasNext(); ) {
            String candidate = names.next();
            String[] parts = candidate.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < parts.length && match; i++) {
                match = parts[i].startsWith("{") || parts[i].equals(segments[i]);
            }
            if (match) {
                return candidate;
            }
        }
        return null;
    }

    private void checkParameters(
            JsonNode item,
            JsonNode operation,
            String template,
            String path,
            Map<String, String> query,
            String label,
            List<String> out) {
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        operation.path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        Map<String, String> pathValues = new HashMap<>();
        String[] parts = template.split("/", -1);
        String[] segments = path.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{")) {
                pathValues.put(parts[i].substring(1, parts[i].length() - 1), segments[i]);
            }
        }
        List<String> declared = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            String value = "query".equals(in) ? query.get(name) : "path".equals(in) ? pathValues.get(name) : null;
            if ("query".equals(in)) {
                declared.add(name);
            }
            if (value == null) {
                if (parameter.path("required").asBoolean(false) && ("query".equals(in) || "path".equals(in))) {
                    out.add(label + ": missing required " + in + " parameter " + name);
                }
                continue;
            }
            checkScalar(resolve(parameter.path("schema")), value, label + " parameter " + name, out);
        }
        query.keySet().stream()
                .filter(key -> !declared.contains(key))
                .forEach(key -> out.add(label + ": undeclared query parameter " + key));
    }

    private void checkScalar(JsonNode schema, String value, String where, List<String> out) {
        String type = type(schema);
        try {
            if ("integer".equals(type) || "number".equals(type)) {
                double number = Double.parseDouble(value);
                if ("integer".equals(type) && number != Math.rint(number)) {
                    out.add(where + ": not an integer: " + value);
                }
                checkBounds(schema, number, where, out);
            } else if ("boolean".equals(type) && !value.equals("true") && !value.equals("false")) {
                out.add(where + ": not a boolean: " + value);
            } else if ("string".equals(type)
                    && value.length() < schema.path("minLength").asInt(0)) {
                out.add(where + ": shorter than minLength");
            }
        } catch (NumberFormatException e) {
            out.add(where + ": not a number: " + value);
        }
    }

    private static void checkBounds(JsonNode schema, double number, String where, List<String> out) {
        if (schema.has("minimum") && number < schema.path("minimum").asDouble()) {
            out.add(where + ": below minimum " + schema.path("minimum"));
        }
        if (schema.has("maximum") && number > schema.path("maximum").asDouble()) {
            out.add(where + ": above maximum " + schema.path("maximum"));
        }
    }

    /** The operation's security (or the global one where the operation names an undefined scheme) must be met. */
    private void checkSecurity(JsonNode operation, LoggedRequest request, String label, List<String> out) {
        List<JsonNode> schemes = schemes(operation.path("security"));
        if (schemes.isEmpty()) {
            schemes = schemes(root.path("security"));
        }
        if (schemes.isEmpty()) {
            return;
        }
        boolean met = schemes.stream().anyMatch(scheme -> {
            if ("http".equals(scheme.path("type").asString())
                    && "bearer".equalsIgnoreCase(scheme.path("scheme").asString())) {
                String authorization = request.getHeader("Authorization");
                return authorization != null && authorization.startsWith("Bearer ");
            }
            if ("apiKey".equals(scheme.path("type").asString())
                    && "header".equals(scheme.path("in").asString())) {
                return request.containsHeader(scheme.path("name").asString());
            }
            return true;
        });
        if (!met) {
            out.add(label + ": credentials missing for the spec's security scheme");
        }
    }

    private List<JsonNode> schemes(JsonNode requirements) {
        List<JsonNode> schemes = new ArrayList<>();
        requirements.forEach(requirement -> requirement.propertyNames().forEach(schemeName -> {
            JsonNode scheme = root.path("components").path("securitySchemes").path(schemeName);
            if (!scheme.isMissingNode()) {
                schemes.add(scheme);
            }
        }));
        return schemes;
    }

    private void checkBody(JsonNode operation, String body, String label, List<String> out) {
        JsonNode requestBody = resolve(operation.path("requestBody"));
        boolean empty = body == null || body.isBlank();
        if (requestBody.isMissingNode()) {
            if (!empty) {
                out.add(label + ": the spec defines no request body, but one was sent");
            }
            return;
        }
        if (empty) {
            if (requestBody.path("required").asBoolean(false)) {
                out.add(label + ": missing required request body");
            }
            return;
        }
        JsonNode schema = requestBody.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            out.add(label + ": the spec's request body is not JSON");
            return;
        }
        validate(schema, MAPPER.readTree(body), label + " body", out);
    }

    private void validate(JsonNode rawSchema, JsonNode value, String where, List<String> out) {
        JsonNode schema = resolve(rawSchema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)
                    && !types(schema).contains("null")
                    && !types(schema).isEmpty()) {
                out.add(where + ": null is not allowed");
            }
            return;
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> matches(type, value))) {
            out.add(where + ": expected " + types + " but was " + value.getNodeType());
            return;
        }
        if (value.isObject()) {
            schema.path("required").forEach(required -> {
                if (!value.has(required.asString())) {
                    out.add(where + ": missing required property " + required.asString());
                }
            });
            JsonNode properties = schema.path("properties");
            value.propertyNames().forEach(property -> {
                if (properties.has(property)) {
                    validate(properties.path(property), value.path(property), where + "." + property, out);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()) {
                    out.add(where + ": property " + property + " is not allowed");
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            int index = 0;
            for (JsonNode element : value) {
                validate(schema.path("items"), element, where + "[" + index++ + "]", out);
            }
        } else if (value.isString()) {
            if (value.asString().length() < schema.path("minLength").asInt(0)) {
                out.add(where + ": shorter than minLength");
            }
            if (schema.has("enum")) {
                boolean listed = false;
                for (JsonNode allowed : schema.path("enum")) {
                    listed |= allowed.asString().equals(value.asString());
                }
                if (!listed) {
                    out.add(where + ": " + value.asString() + " is not one of " + schema.path("enum"));
                }
            }
        } else if (value.isNumber()) {
            checkBounds(schema, value.asDouble(), where, out);
        }
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static List<String> types(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(each -> types.add(each.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        }
        return types;
    }

    private static String type(JsonNode schema) {
        List<String> types = types(schema);
        return types.stream().filter(type -> !"null".equals(type)).findFirst().orElse("string");
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asString();
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> values = new HashMap<>();
        if (query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    @Override
    public String toString() {
        return "PublishedSpec[" + name + "]";
    }
}
