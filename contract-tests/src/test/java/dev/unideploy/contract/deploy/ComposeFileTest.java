package dev.unideploy.contract.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.config.UnideployProperties.Provider;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import dev.unideploy.sandbox.SimulatedProvider;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docker-compose.yml} against the application: every gateway variable is a key it reads, bound as meant. */
class ComposeFileTest {

    /** The demo client's key, as the compose file's header documents it. */
    private static final String DEMO_KEY = "compose-demo";

    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static Sandbox sandbox;

    @BeforeAll
    static void startSimulators() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stopSimulators() {
        sandbox.close();
    }

    @Test
    void runsTwoGatewaysWithTheSameConfiguration() {
        List<String> gateways = COMPOSE.gateways();

        assertThat(gateways).containsExactly("gateway-1", "gateway-2");
        assertThat(COMPOSE.service("gateway-2")).isEqualTo(COMPOSE.service("gateway-1"));
        assertThat(COMPOSE.service("gateway-1")).containsKey("healthcheck").doesNotContainKey("ports");
    }

    @Test
    void everyGatewayVariableIsAConfigurationKeyOfTheApplication() {
        ConfigurationKeys keys = ConfigurationKeys.fromClasspath();

        for (String gateway : COMPOSE.gateways()) {
            assertThat(keys.unread(COMPOSE.environment(gateway)))
                    .as("variables of %s that no configuration key reads", gateway)
                    .isEmpty();
        }
    }

    @Test
    void theVariablesBindToRedisFiveSandboxConnectionsAndTheDemoClient() {
        UnideployProperties bound = ConfigurationKeys.binder(COMPOSE.environment("gateway-1"))
                .bindOrCreate("unideploy", UnideployProperties.class);

        assertThat(bound.sandboxMode()).isFalse();
        assertThat(bound.store()).isEqualTo(UnideployProperties.Store.REDIS);
        assertThat(URI.create(bound.redis().url()).getHost()).isEqualTo(serviceWithImage("redis:"));
        assertThat(bound.rateLimit().requests()).isPositive();
        assertThat(bound.providers()).containsOnlyKeys("coolify", "dokploy", "zectre", "dooor", "mist");
        for (SimulatedProvider simulator : sandbox.providers()) {
            Provider connection = bound.providers().get(simulator.type());
            URI baseUrl = URI.create(connection.baseUrl());
            assertThat(connection.type()).isEqualTo(simulator.type());
            assertThat(baseUrl.getHost()).isEqualTo(sandboxService());
            assertThat(baseUrl.getPort()).isEqualTo(SandboxOptions.DEFAULT_PORTS.get(simulator.type()));
            assertThat(baseUrl.getPath()).isEqualTo(simulator.baseUrl().getPath());
            assertThat(connection.settings()).isEqualTo(simulator.settings());
        }

        ClientPrincipal demo = ApiKeys.from(bound).authenticate(DEMO_KEY).orElseThrow();
        assertThat(demo.scopes()).containsExactlyInAnyOrder(Scope.values());
        assertThat(demo.providers()).isEmpty();
        assertThat(ApiKeys.from(bound).authenticate("sandbox")).isEmpty();
    }

    @Test
    void theSandboxServiceRunsSandboxMainFromTheGatewayImage() throws Exception {
        String sandboxService = sandboxService();
        List<String> entrypoint = COMPOSE.entrypoint(sandboxService);

        assertThat(COMPOSE.image(sandboxService)).isEqualTo(COMPOSE.image("gateway-1"));
        assertThat(entrypoint).startsWith("java", "-cp", "@/app/jib-classpath-file");
        Method main = Class.forName(entrypoint.get(entrypoint.size() - 1)).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    }

    @Test
    void theLoadBalancerSpreadsOverBothGatewaysAndStreams() throws IOException {
        Map<String, Object> lb = COMPOSE.service("lb");
        String mount = String.valueOf(((List<?>) lb.get("volumes")).get(0));
        Path config = ComposeFile.ROOT.resolve(mount.substring(0, mount.indexOf(':')));
        String nginx = Files.readString(config);

        assertThat(mount).contains(":/etc/nginx/nginx.conf");
        assertThat(upstreams(nginx))
                .containsExactlyInAnyOrderElementsOf(COMPOSE.gateways().stream()
                        .map(gateway -> gateway + ":8080")
                        .toList());
        assertThat(nginx)
                .contains("listen 8080;", "proxy_http_version 1.1;", "proxy_buffering off;", "proxy_read_timeout 1h;")
                .contains("$http_x_request_id", "$http_traceparent");
        assertThat(lb.get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void everyDependencyNamesAServiceAndEveryServiceHasAHealthcheck() {
        COMPOSE.services().forEach((name, service) -> {
            assertThat(COMPOSE.dependsOn(name))
                    .as("depends_on of %s", name)
                    .allSatisfy(dependency -> assertThat(COMPOSE.services()).containsKey(dependency));
            assertThat(service).as(name).containsKey("healthcheck");
        });
        assertThat(COMPOSE.dependsOn("lb")).containsExactlyInAnyOrderElementsOf(COMPOSE.gateways());
        assertThat(COMPOSE.dependsOn("gateway-1"))
                .containsExactlyInAnyOrder(serviceWithImage("redis:"), sandboxService());
    }

    private static List<String> upstreams(String nginx) {
        Matcher block = Pattern.compile("upstream\\s+\\w+\\s*\\{([^}]*)}").matcher(nginx);
        assertThat(block.find()).as("an upstream block").isTrue();
        return Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)")
                .matcher(block.group(1))
                .results()
                .map(server -> server.group(1))
                .toList();
    }

    private static String sandboxService() {
        return COMPOSE.services().keySet().stream()
                .filter(name -> COMPOSE.entrypoint(name).contains("dev.unideploy.sandbox.SandboxMain"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service runs dev.unideploy.sandbox.SandboxMain"));
    }

    private static String serviceWithImage(String prefix) {
        return COMPOSE.services().keySet().stream()
                .filter(name -> COMPOSE.image(name).startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service with image " + prefix + "…"));
    }
}
