package dev.unideploy.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SimulatedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Gateway instances with {@code unideploy.store=redis}, each its own Spring application on a free port, in front of
 * one sandbox's five simulators (configured as real providers, so the instances share them): the several-instance
 * tests' set-up.
 */
final class RedisGateways {

    private RedisGateways() {}

    /** Starts an instance on {@code redis} over {@code sandbox}, with the extra {@code --key=value} settings. */
    static ConfigurableApplicationContext start(LocalRedis redis, Sandbox sandbox, String... settings) {
        return new SpringApplicationBuilder(UnideployApplication.class)
                .run(arguments(redis, sandbox, settings).toArray(String[]::new));
    }

    /** The command-line settings of such an instance: for one started in another JVM ({@link GatewayProcess}). */
    static List<String> arguments(LocalRedis redis, Sandbox sandbox, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--unideploy.store=redis",
                "--unideploy.redis.url=" + redis.url()));
        for (SimulatedProvider provider : sandbox.providers()) {
            String prefix = "--unideploy.providers." + provider.type() + ".";
            args.add(prefix + "type=" + provider.type());
            args.add(prefix + "base-url=" + provider.baseUrl());
            provider.settings().forEach((name, value) -> args.add(prefix + name + "=" + value));
        }
        args.addAll(List.of(settings));
        return args;
    }

    /** A client of {@code instance} presenting the bearer {@code key}. */
    static WebTestClient client(ConfigurableApplicationContext instance, String key) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + instance.getEnvironment().getRequiredProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key)
                .build();
    }

    /** {@code POST /v1/deployments} for {@code app} under {@code idempotencyKey}. */
    static WebTestClient.ResponseSpec trigger(WebTestClient client, String app, String idempotencyKey) {
        return client.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .bodyValue(Map.of("appId", app))
                .exchange();
    }

    /** How many deploy requests the Coolify simulator has received. */
    static int coolifyDeploys(Sandbox sandbox) {
        return sandbox.provider("coolify")
                .server()
                .findAll(postRequestedFor(urlPathEqualTo("/api/v1/deploy")))
                .size();
    }
}
