package dev.unideploy.contract.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml}, parsed by SnakeYAML: anchors, aliases and {@code <<} merge keys are
 * resolved, so each service reads as Compose sees it.
 */
final class ComposeFile {

    /** The repository root, seen from the contract-tests module (Maven runs tests in the module directory). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final String GATEWAY_IMAGE = "unideploy/gateway:";

    private final Map<String, Map<String, Object>> services;

    private ComposeFile(Map<String, Map<String, Object>> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile load() {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> document = new Yaml().load(reader);
            return new ComposeFile((Map<String, Map<String, Object>>) document.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Map<String, Object>> services() {
        return services;
    }

    Map<String, Object> service(String name) {
        return services.get(name);
    }

    /** The services that run the gateway image with its own entrypoint: the gateway instances. */
    List<String> gateways() {
        return services.keySet().stream()
                .filter(name -> image(name).startsWith(GATEWAY_IMAGE)
                        && entrypoint(name).isEmpty())
                .toList();
    }

    String image(String service) {
        return String.valueOf(service(service).getOrDefault("image", ""));
    }

    List<String> entrypoint(String service) {
        Object entrypoint = service(service).get("entrypoint");
        return entrypoint == null ? List.of() : strings(entrypoint);
    }

    /** {@code environment}, in either of Compose's forms (a map, or a list of {@code KEY=value}). */
    Map<String, String> environment(String service) {
        Object environment = service(service).getOrDefault("environment", Map.of());
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else {
            for (String entry : strings(environment)) {
                int eq = entry.indexOf('=');
                variables.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return variables;
    }

    /** The services named by {@code depends_on}, in either of its forms (a list, or a map with conditions). */
    List<String> dependsOn(String service) {
        Object dependsOn = service(service).getOrDefault("depends_on", List.of());
        return dependsOn instanceof Map<?, ?> map
                ? map.keySet().stream().map(String::valueOf).toList()
                : strings(dependsOn);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }
}
