package dev.unideploy.contract.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.config.UnideployProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checker ComposeFileTest relies on: it must reject what the application would silently ignore. */
class ConfigurationKeysTest {

    private static final ConfigurationKeys KEYS = ConfigurationKeys.fromClasspath();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UNIDEPLOY_STOR", // a misspelt leaf
                "UNIDEPLOY_STORE_MODE", // below a leaf
                "UNIDEPLOY_REDIS_HOST", // a sibling the application does not have
                "UNIDEPLOY_PROVIDERS_PROD_BASEURI", // a misspelt component of a map entry
                "UNIDEPLOY_PROVIDERS_PROD", // a map entry without a component
                "UNIDEPLOY_CLIENTS_CI_SCOPE",
                "UNIDEPLOY_RESILIENCE_READTIMEOUTS", // a misspelt component of a record-typed key
                "SERVER_PORTS",
                "REDIS_URL"
            })
    void rejectsAVariableNoKeyReads(String variable) {
        Map<String, String> environment = Map.of("UNIDEPLOY_STORE", "redis", variable, "x");

        assertThat(KEYS.unread(environment)).containsExactly(variable);
    }

    @Test
    void acceptsTheApplicationsKeysSpringBootsKeysAndJvmVariables() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("UNIDEPLOY_STORE", "redis"),
                Map.entry("UNIDEPLOY_REDIS_URL", "redis://redis:6379"),
                Map.entry("UNIDEPLOY_RATELIMIT_REQUESTS", "10"),
                Map.entry("UNIDEPLOY_PROVIDERS_PROD_TYPE", "coolify"),
                Map.entry("UNIDEPLOY_PROVIDERS_PROD_BASEURL", "https://coolify.example.com/api/v1"),
                Map.entry("UNIDEPLOY_CLIENTS_CI_KEYSHA256", "0".repeat(64)),
                Map.entry("UNIDEPLOY_CLIENTS_CI_RATELIMIT", "5"),
                Map.entry("UNIDEPLOY_RESILIENCE_READTIMEOUT", "3s"),
                Map.entry("UNIDEPLOY_SANDBOX_PORTS_COOLIFY", "0"),
                Map.entry("SERVER_PORT", "8081"),
                Map.entry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health"),
                Map.entry("LOGGING_LEVEL_DEV_UNIDEPLOY", "debug"),
                Map.entry("JAVA_TOOL_OPTIONS", "-Xmx256m"));

        assertThat(KEYS.unread(environment)).isEmpty();
    }

    /** Spring Boot also reads {@code base-url} from {@code _BASE_URL}; the checker agrees with the binder. */
    @Test
    void agreesWithTheBinderOnTheUnderscoredForm() {
        Map<String, String> environment = Map.of(
                "UNIDEPLOY_PROVIDERS_PROD_TYPE", "zectre",
                "UNIDEPLOY_PROVIDERS_PROD_BASE_URL", "https://zectre.example.com/api/v1");

        assertThat(KEYS.unread(environment)).isEmpty();
        UnideployProperties bound = ConfigurationKeys.binder(environment)
                .bind("unideploy", UnideployProperties.class)
                .get();
        assertThat(bound.providers().get("prod").baseUrl()).isEqualTo("https://zectre.example.com/api/v1");
    }
}
