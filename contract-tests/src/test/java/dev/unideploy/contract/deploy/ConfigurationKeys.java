package dev.unideploy.contract.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's configuration keys as Spring Boot describes them: every {@code
 * META-INF/spring-configuration-metadata.json} on the classpath (the gateway's, generated from {@code
 * UnideployProperties}, and Spring Boot's own). Says which environment variables no key reads, using Spring Boot's
 * own mapping between variables and property names ({@code SystemEnvironmentPropertySource} behind a {@code
 * ConfigurationPropertySource}), so relaxed binding decides, not name mangling written here.
 */
final class ConfigurationKeys {

    /** Read by the JVM or the OS, not by Spring. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

    private record Key(ConfigurationPropertyName name, String type) {}

    private final Map<ConfigurationPropertyName, Key> keys;

    private ConfigurationKeys(Map<ConfigurationPropertyName, Key> keys) {
        this.keys = keys;
    }

    static ConfigurationKeys fromClasspath() {
        Map<ConfigurationPropertyName, Key> keys = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (URL url : Collections.list(ConfigurationKeys.class
                    .getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        if (!property.path("deprecation")
                                .path("level")
                                .asString("")
                                .equals("error")) {
                            ConfigurationPropertyName name = ConfigurationPropertyName.of(
                                    property.path("name").asString());
                            keys.put(name, new Key(name, property.path("type").asString("")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigurationKeys(keys);
    }

    /** The variables as the application's environment would hold them. */
    static IterableConfigurationPropertySource source(Map<String, String> variables) {
        return (IterableConfigurationPropertySource)
                ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
    }

    static Binder binder(Map<String, String> variables) {
        return new Binder(source(variables));
    }

    /** The variables no configuration key reads: misspelt, or naming a key the application does not have. */
    Set<String> unread(Map<String, String> variables) {
        IterableConfigurationPropertySource source = source(variables);
        Set<String> read = new HashSet<>(JVM_VARIABLES);
        source.stream().flatMap(this::candidates).distinct().forEach(candidate -> {
            ConfigurationProperty property = source.getConfigurationProperty(candidate);
            if (property != null && property.getOrigin() instanceof PropertySourceOrigin origin) {
                read.add(origin.getPropertyName());
            }
        });
        Set<String> unread = new TreeSet<>(variables.keySet());
        unread.removeAll(read);
        return unread;
    }

    /** The known keys through which the application could read the variable that {@code name} came from. */
    private Stream<ConfigurationPropertyName> candidates(ConfigurationPropertyName name) {
        for (int size = name.getNumberOfElements(); size > 0; size--) {
            Key key = keys.get(name.chop(size));
            if (key != null) {
                return candidates(key, name);
            }
        }
        return Stream.empty();
    }

    private static Stream<ConfigurationPropertyName> candidates(Key key, ConfigurationPropertyName name) {
        int size = key.name().getNumberOfElements();
        if (key.type().startsWith("java.util.Map<")) {
            String valueType =
                    key.type().substring(key.type().indexOf(',') + 1, key.type().length() - 1);
            Optional<Class<?>> record = record(valueType);
            if (record.isEmpty()) {
                return Stream.of(name); // a map of plain values takes any key
            }
            return name.getNumberOfElements() <= size
                    ? Stream.empty()
                    : components(
                            key.name().append(name.getElement(size, ConfigurationPropertyName.Form.UNIFORM)),
                            record.get());
        }
        return record(key.type())
                .map(record -> components(key.name(), record))
                .orElseGet(() -> name.getNumberOfElements() == size ? Stream.of(key.name()) : Stream.empty());
    }

    /** A record's properties, as constructor binding reads them. */
    private static Stream<ConfigurationPropertyName> components(ConfigurationPropertyName prefix, Class<?> record) {
        return Stream.of(record.getRecordComponents())
                .map(component -> prefix.append(DataObjectPropertyName.toDashedForm(component.getName())));
    }

    private static Optional<Class<?>> record(String type) {
        if (type.isEmpty() || type.startsWith("java.") || type.contains("<")) {
            return Optional.empty();
        }
        try {
            Class<?> found = Class.forName(type, false, ConfigurationKeys.class.getClassLoader());
            return found.isRecord() ? Optional.of(found) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
