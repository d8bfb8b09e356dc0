package dev.unideploy.gateway;

import dev.unideploy.gateway.provider.ProviderConfiguration;
import dev.unideploy.gateway.provider.ProviderConnections;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.web.ConditionalReadFilter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A gateway over two in-memory providers (fake-a, fake-b) and two client keys; one Spring context for all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FakeGatewayTest {

    static final String WRITER_KEY = "writer-key-0123456789";
    static final String READER_KEY = "reader-key-0123456789";
    static final String ADMIN_KEY = "admin-key-0123456789";
    static final String LIMITED_KEY = "limited-key-0123456789";

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        for (String id : List.of("fake-a", "fake-b")) {
            registry.add("unideploy.providers." + id + ".type", () -> "fake");
            registry.add("unideploy.providers." + id + ".base-url", () -> "http://127.0.0.1:9/" + id);
            registry.add("unideploy.providers." + id + ".token", () -> "provider-secret-" + id);
        }
        registry.add("unideploy.clients.writer.key-sha256", () -> ApiKeys.sha256(WRITER_KEY));
        registry.add("unideploy.clients.writer.scopes", () -> "deployments:read,deployments:write");
        registry.add("unideploy.clients.reader.key-sha256", () -> ApiKeys.sha256(READER_KEY));
        registry.add("unideploy.clients.reader.scopes", () -> "deployments:read");
        registry.add("unideploy.clients.reader.providers", () -> "fake-a");
        registry.add("unideploy.clients.ops.key-sha256", () -> ApiKeys.sha256(ADMIN_KEY));
        registry.add("unideploy.clients.ops.scopes", () -> "admin");
        registry.add("unideploy.clients.limited.key-sha256", () -> ApiKeys.sha256(LIMITED_KEY));
        registry.add("unideploy.clients.limited.scopes", () -> "deployments:read");
        registry.add("unideploy.clients.limited.rate-limit", () -> "3");
        registry.add("unideploy.events.poll-interval", () -> "50ms");
        registry.add("unideploy.events.outage-limit", () -> "1s");
        registry.add("unideploy.resilience.open-for", () -> "1s");
    }

    @Autowired
    ProviderConfiguration.ProviderCircuitBreakers breakers;

    @Autowired
    ProviderConnections connections;

    @Autowired
    ConditionalReadFilter keptReads;

    @LocalServerPort
    protected int port;

    WebTestClient client;
    FakeProvider.State a;
    FakeProvider.State b;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + WRITER_KEY)
                .build();
        a = FakeProvider.state("fake-a");
        b = FakeProvider.state("fake-b");
        a.reset();
        b.reset();
        breakers.registry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        connections.clearCaches(); // each test's fake data is new behind the gateway's back
        keptReads.clear();
    }
}
