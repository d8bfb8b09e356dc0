package dev.unideploy.security;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.provider.ProviderConfiguration;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ApiKeys;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway over one {@link HostileProvider}: a well-behaved connection ({@code good}) beside an endless, a
 * huge, a dripping and an echoing one, all Coolify-typed, with short time limits; keys of every kind. One Spring
 * context for the whole security suite.
 */
@SpringBootTest(classes = UnideployApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HostileGatewayTest {

    /** Has the characters that JSON and URLs escape: masking must find it in every form. */
    static final String ECHO_TOKEN = "Echo\"Secret\\Token-42";

    static final String GOOD_TOKEN = "good-TOKEN-s3cr3t-0042";
    static final String ADMIN_KEY = "admin-key-0123456789";
    static final String ADMIN_GOOD_KEY = "admin-good-key-0123456789";
    static final String READER_KEY = "reader-key-0123456789";
    static final String WRITER_GOOD_KEY = "writer-good-key-0123456789";
    static final List<String> HOSTILE = List.of("endless", "huge", "drip", "echo");

    static final HostileProvider provider;

    static {
        try {
            provider = new HostileProvider();
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("unideploy.providers.good.type", () -> "coolify");
        registry.add("unideploy.providers.good.base-url", () -> provider.baseUrl("good"));
        registry.add("unideploy.providers.good.token", () -> GOOD_TOKEN);
        for (String behaviour : HOSTILE) {
            registry.add("unideploy.providers." + behaviour + ".type", () -> "coolify");
            registry.add("unideploy.providers." + behaviour + ".base-url", () -> provider.baseUrl(behaviour));
            registry.add(
                    "unideploy.providers." + behaviour + ".token",
                    () -> behaviour.equals("echo") ? ECHO_TOKEN : behaviour + "-TOKEN-s3cr3t");
        }
        registry.add("unideploy.providers.good.limits.max-request-size", () -> "4KB");
        client(registry, "admin", ADMIN_KEY, "admin", "");
        client(registry, "admingood", ADMIN_GOOD_KEY, "admin", "good");
        client(registry, "reader", READER_KEY, "deployments:read", "");
        client(registry, "writergood", WRITER_GOOD_KEY, "deployments:read,deployments:write", "good");
        registry.add("unideploy.resilience.read-timeout", () -> "5s");
        registry.add("unideploy.resilience.write-timeout", () -> "5s");
        registry.add("unideploy.resilience.read-retries", () -> "0");
        registry.add("unideploy.resilience.open-for", () -> "1s");
    }

    private static void client(DynamicPropertyRegistry registry, String name, String key, String scopes, String only) {
        registry.add("unideploy.clients." + name + ".key-sha256", () -> ApiKeys.sha256(key));
        registry.add("unideploy.clients." + name + ".scopes", () -> scopes);
        if (!only.isEmpty()) {
            registry.add("unideploy.clients." + name + ".providers", () -> only);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ProviderConfiguration.ProviderCircuitBreakers breakers;

    @Autowired
    ProviderRegistry registry;

    private static volatile boolean warm;

    @BeforeEach
    void freshProviders() {
        if (!warm) { // the first proxied call initialises the HTTP client: not a provider's slowness to time
            as(ADMIN_KEY)
                    .get()
                    .uri("/v1/providers/good/passthrough/applications")
                    .exchange();
            as(ADMIN_KEY).get().uri("/v1/deployments/good:warm").exchange();
            warm = true;
        }
        breakers.registry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        registry.clearCaches();
    }

    WebTestClient as(String key) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .defaultHeader("Authorization", "Bearer " + key)
                .build();
    }

    WebTestClient anonymous() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }
}
