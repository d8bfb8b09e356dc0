package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * For every provider type the pool drops an idle connection before that provider's server closes it (the limits the
 * sandbox's simulators use, {@code KeepAliveSimulatorTest}; zero: the server never closes one) — the pool of its
 * provider connection, and the one pool of the passthrough routes.
 */
class IdleLimitTest {

    /** A provider type and how long its server keeps an idle keep-alive connection. */
    record Server(String type, Duration keepsIdle) {}

    static Stream<Server> servers() {
        return Stream.of(
                new Server("dokploy", Duration.ofSeconds(5)), // Node 24's keepAliveTimeout
                new Server("coolify", Duration.ofSeconds(65)), // nginx keepalive_timeout in its image
                new Server("mist", Duration.ZERO), // Go http.Server without IdleTimeout
                new Server("dooor", Duration.ofSeconds(5)), // NestJS on Node, unless changed
                new Server("zectre", Duration.ofSeconds(30))); // unknown: the simulator's Jetty default
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void thePoolDropsAnIdleConnectionBeforeTheServerWould(Server server) {
        Duration pool = NettyTransport.idleLimit(server.type());
        if (!server.keepsIdle().isZero()) {
            assertThat(pool).isLessThan(server.keepsIdle());
        }
        // and not so long that a NAT or proxy in between drops it unseen
        assertThat(pool).isPositive().isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void thePassthroughPoolDropsAnIdleConnectionBeforeAnyServerWould() throws IOException {
        // Spring Cloud Gateway's own client carries every passthrough route; without a limit it keeps idle
        // connections for ever and sends a passthrough on one Dokploy's Node is closing
        Binder configuration = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))));
        Duration pool = configuration
                .bind("spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time", Duration.class)
                .orElseThrow(() -> new AssertionError("the passthrough pool keeps idle connections for ever"));
        servers()
                .filter(server -> !server.keepsIdle().isZero())
                .forEach(server -> assertThat(pool).as(server.type()).isLessThan(server.keepsIdle()));
        assertThat(pool).isPositive();
    }
}
