package dev.unideploy.e2e;

import static dev.unideploy.e2e.DokploySandbox.awaitIdle;
import static dev.unideploy.e2e.DokploySandbox.awaitTerminal;
import static dev.unideploy.e2e.DokploySandbox.get;
import static dev.unideploy.e2e.DokploySandbox.listed;
import static dev.unideploy.e2e.DokploySandbox.rows;
import static dev.unideploy.e2e.DokploySandbox.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import dev.unideploy.sandbox.SimulatedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Dokploy deployment's id keeps working across gateway restarts and instances, after Dokploy renamed its row: with
 * the memory store (nothing remembered survives) by its trigger instant and its app's build order, with Redis by what
 * another instance remembered.
 */
class DokployRestartTest {

    private static Sandbox sandbox;
    private static SimulatedProvider dokploy;
    private static final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(300)));
        dokploy = sandbox.provider("dokploy");
    }

    @AfterAll
    static void stop() {
        started.forEach(ConfigurableApplicationContext::close);
        if (sandbox != null) sandbox.close();
    }

    /** A gateway instance over the sandbox's Dokploy, configured as a real provider, on the given store settings. */
    private static ConfigurableApplicationContext instance(String... store) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--unideploy.providers.dokploy.type=dokploy",
                "--unideploy.providers.dokploy.base-url=" + dokploy.baseUrl(),
                "--unideploy.providers.dokploy.token=sandbox",
                "--unideploy.clients.ci.key-sha256=" + dev.unideploy.gateway.security.ApiKeys.sha256(KEY),
                "--unideploy.clients.ci.scopes=deployments:read,deployments:write"));
        args.addAll(List.of(store));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(UnideployApplication.class).run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static final String KEY = "dokploy-restart-key-0123456789";

    private static WebTestClient client(ConfigurableApplicationContext instance) {
        return RedisGateways.client(instance, KEY);
    }

    private static String id(Map<String, Object> deployment) {
        return (String) deployment.get("id");
    }

    @SuppressWarnings("unchecked")
    private static String rowId(Map<String, Object> deployment) {
        return (String) ((Map<String, Object>) deployment.get("raw")).get("deploymentId");
    }

    @Test
    @DisplayName("memory store: two deployments triggered, the gateway restarted, Dokploy renamed both rows:"
            + " each id finds its own row by trigger instant and build order, and the list shows them so")
    void memoryStoreFindsRowsByTriggerInstant() {
        awaitIdle(dokploy);
        ConfigurableApplicationContext before = instance();
        String first = id(trigger(client(before), "dokploy:dok-web"));
        String second = id(trigger(client(before), "dokploy:dok-web"));
        before.close();
        awaitIdle(dokploy);
        List<String> newRows = rows(dokploy, "dok-web").subList(0, 2); // newest first

        WebTestClient after = client(instance());
        Map<String, Object> secondDone = awaitTerminal(after, second);
        Map<String, Object> firstDone = awaitTerminal(after, first);

        assertThat(secondDone.get("id")).isEqualTo(second);
        assertThat(secondDone.get("status")).isEqualTo("succeeded");
        assertThat(rowId(secondDone)).isEqualTo(newRows.get(0));
        assertThat(firstDone.get("id")).isEqualTo(first);
        assertThat(rowId(firstDone)).isEqualTo(newRows.get(1));
        assertThat(listed(after, "dokploy:dok-web"))
                .contains(first, second)
                .doesNotContain("dokploy:dok-web." + newRows.get(0), "dokploy:dok-web." + newRows.get(1));
    }

    @Test
    @DisplayName("Redis store: correlated by one instance while building, listed by a second, read by a third after"
            + " both are gone and Dokploy renamed the row")
    void redisStoreRemembersAcrossInstances() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            String[] store = {"--unideploy.store=redis", "--unideploy.redis.url=" + redis.url()};
            awaitIdle(dokploy);
            ConfigurableApplicationContext one = instance(store);
            ConfigurableApplicationContext two = instance(store);
            String id = id(trigger(client(one), "dokploy:dok-web"));
            Awaitility.await()
                    .atMost(DokploySandbox.WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> "in_progress".equals(get(client(one), id, "").get("status")));
            String row = rowId(get(client(one), id, "?include=raw"));
            assertThat(listed(client(two), "dokploy:dok-web")).contains(id);
            // both instances go (in one JVM, closing one takes the shared Netty resources of the other with it)
            one.close();
            two.close();

            awaitIdle(dokploy);
            ConfigurableApplicationContext three = instance(store);
            Map<String, Object> done = awaitTerminal(client(three), id);

            assertThat(done.get("status")).isEqualTo("succeeded");
            assertThat(rowId(done))
                    .as("Dokploy renamed it; Redis remembered it")
                    .isEqualTo(row);
            assertThat(listed(client(three), "dokploy:dok-web")).contains(id).doesNotContain("dokploy:dok-web." + row);
            three.close();
        }
    }
}
