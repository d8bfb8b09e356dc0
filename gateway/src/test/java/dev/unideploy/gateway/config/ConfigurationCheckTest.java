package dev.unideploy.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;

class ConfigurationCheckTest {

    private static final Set<String> TYPES = Set.of("coolify", "dokploy");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static UnideployProperties.Provider provider(String type, String baseUrl) {
        return new UnideployProperties.Provider(
                type, baseUrl, "secret-token", null, null, null, UnideployProperties.Limits.defaults());
    }

    private static UnideployProperties.Client client(String hash, String... scopes) {
        return new UnideployProperties.Client(hash, List.of(scopes), List.of(), null);
    }

    private static void check(Map<String, UnideployProperties.Provider> providers) {
        ConfigurationCheck.check(providers, Map.of(), TYPES);
    }

    @Test
    @DisplayName("a valid configuration passes")
    void valid() {
        assertThatCode(() -> ConfigurationCheck.check(
                        Map.of("prod", provider("coolify", "https://coolify.example.com/api/v1")),
                        Map.of("ci", client(HASH.toUpperCase(), "deployments:read", "admin")),
                        TYPES))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("an unknown or missing provider type names unideploy.providers.<id>.type and the known types")
    void type() {
        assertThatThrownBy(() -> check(Map.of("prod", provider("coolfy", "https://c.example.com"))))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessage("unideploy.providers.prod.type 'coolfy' is not a known provider type: use one of"
                        + " [coolify, dokploy]");
        assertThatThrownBy(() -> check(Map.of("prod", provider(null, "https://c.example.com"))))
                .hasMessageStartingWith("unideploy.providers.prod.type is missing");
    }

    @Test
    @DisplayName("a missing or malformed base URL names unideploy.providers.<id>.base-url and never repeats it")
    void baseUrl() {
        assertThatThrownBy(() -> check(Map.of("prod", provider("coolify", null))))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("unideploy.providers.prod.base-url is missing");
        for (String bad : List.of("ftp://user:pa55word@host/api", "coolify.example.com", "https://", "http://[x")) {
            assertThatThrownBy(() -> check(Map.of("prod", provider("coolify", bad))))
                    .hasMessage("unideploy.providers.prod.base-url is not an absolute http:// or https:// URL")
                    .extracting(Throwable::getMessage)
                    .asString()
                    .doesNotContain("pa55word");
        }
    }

    @Test
    @DisplayName("a bad client key hash names unideploy.clients.<name>.key-sha256 and never repeats the value")
    void keyHash() {
        for (String bad : List.of("the-raw-key-by-mistake", HASH.substring(1), HASH + "0")) {
            assertThatThrownBy(() -> ConfigurationCheck.check(Map.of(), Map.of("ci", client(bad)), TYPES))
                    .isInstanceOf(InvalidConfiguration.class)
                    .hasMessageStartingWith("unideploy.clients.ci.key-sha256 is not a SHA-256 (64 hex digits)")
                    .extracting(Throwable::getMessage)
                    .asString()
                    .doesNotContain(bad);
        }
        assertThatThrownBy(() -> ConfigurationCheck.check(Map.of(), Map.of("ci", client(null)), TYPES))
                .hasMessageStartingWith("unideploy.clients.ci.key-sha256 is missing");
        assertThatThrownBy(() -> ConfigurationCheck.check(Map.of(), Map.of("ci", client(HASH, "deploy")), TYPES))
                .hasMessageStartingWith("unideploy.clients.ci.scopes 'deploy' is not a scope");
    }

    @Test
    @DisplayName("the failure report is one line naming the property, and says how to pass another value")
    void analysis() {
        FailureAnalysis config = new StartupFailureAnalyzer()
                .analyze(new IllegalStateException(
                        "wrapped", new InvalidConfiguration("unideploy.providers.x.type", "is missing")));
        assertThat(config.getDescription()).isEqualTo("unideploy.providers.x.type is missing");
        assertThat(config.getAction()).contains("-Dspring-boot.run.arguments=\"--unideploy.providers.x.type=…\"");

        FailureAnalysis port = new StartupFailureAnalyzer().analyze(new PortInUseException(8080));
        assertThat(port.getDescription())
                .doesNotContain("\n")
                .contains("port 8080")
                .contains("server.port");
        assertThat(port.getAction()).contains("--server.port=8081");
        assertThat(new StartupFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }
}
