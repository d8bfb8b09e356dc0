package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.config.SandboxStart;
import dev.unideploy.gateway.provider.ProviderConfiguration.SandboxHolder;
import dev.unideploy.sandbox.SimulatedProvider;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sandbox gateway as it starts (issue 17): its simulators started beside the rest of the start, yet health UP
 * only with all five answering; its controllers made by their first request, which they still serve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SandboxStartupTest {

    @DynamicPropertySource
    static void freePorts(DynamicPropertyRegistry registry) {
        for (String type : List.of("coolify", "dokploy", "zectre", "dooor", "mist")) {
            registry.add("unideploy.sandbox.ports." + type, () -> "0");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableListableBeanFactory beans;

    @Autowired
    SandboxHolder holder;

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer sandbox")
                .build();
    }

    @Test
    @DisplayName("the simulators the gateway connects to are the ones started early, with the test's free ports")
    void connectsToTheEarlyStartedSimulators() {
        SandboxStart.Starting early = beans.getBean(SandboxStart.BEAN_NAME, SandboxStart.Starting.class);

        assertThat(early.options().ports()).containsOnlyKeys("coolify", "dokploy", "zectre", "dooor", "mist");
        assertThat(early.options().ports().values()).containsOnly(0);
        assertThat(holder.sandbox()).isSameAs(early.await());
    }

    @Test
    @DisplayName("once the gateway runs, every simulator answers and readiness and health say UP with all five")
    void readyOnlyWithTheSimulatorsAnswering() {
        for (SimulatedProvider provider : holder.sandbox().providers()) {
            WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + provider.port())
                    .build()
                    .get()
                    .uri("/__admin/mappings")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client().get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.providers.components.*.status")
                .isEqualTo(List.of("UP", "UP", "UP", "UP", "UP"));
    }

    @Test
    @DisplayName("a controller is made by its first request, which it serves")
    void controllersAreMadeByTheirFirstRequest() {
        assertThat(beans.getBeanDefinition("providersController").isLazyInit()).isTrue();
        assertThat(beans.getBeanDefinition("providerRegistry").isLazyInit()).isFalse();
        assertThat(beans.getBeanDefinition("oidcLoginController").isLazyInit())
                .as("checks unideploy.oidc.dashboard when made: stays eager, so a mistake ends the start")
                .isFalse();
        assertThat(beans.containsSingleton("providersController"))
                .as("health needs no controller")
                .isFalse();

        client().get()
                .uri("/v1/providers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].id")
                .isEqualTo(List.of("coolify", "dokploy", "zectre", "dooor", "mist"));
        assertThat(beans.containsSingleton("providersController")).isTrue();
    }
}
