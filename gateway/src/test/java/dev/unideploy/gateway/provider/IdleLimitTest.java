package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every provider type the pool drops an idle connection before that provider's server closes it (the limits the
 * sandbox's simulators use, {@code KeepAliveSimulatorTest}; zero: the server never closes one).
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
}
