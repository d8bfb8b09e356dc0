package dev.unideploy.e2e;

import dev.unideploy.gateway.testing.LocalRedis;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Gateway instances as behind a load balancer: one real Redis, one sandbox, and as many instances over them as a test
 * starts ({@link RedisGateways}); closed instances first, then the sandbox, then Redis.
 */
final class RedisFleet implements AutoCloseable {

    private final LocalRedis redis;
    private final Sandbox sandbox;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private RedisFleet(LocalRedis redis, Sandbox sandbox) {
        this.redis = redis;
        this.sandbox = sandbox;
    }

    /** A Redis and a sandbox whose simulated deployments move a state every {@code step}; no instance yet. */
    static RedisFleet start(Duration step) throws Exception {
        LocalRedis redis = LocalRedis.start();
        try {
            return new RedisFleet(redis, Sandbox.start(SandboxOptions.ephemeral(step)));
        } catch (RuntimeException | Error failed) {
            redis.close();
            throw failed;
        }
    }

    LocalRedis redis() {
        return redis;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** Starts one more instance with the extra {@code --key=value} settings; a client of it presenting {@code key}. */
    WebTestClient instance(String key, String... settings) {
        ConfigurableApplicationContext instance = RedisGateways.start(redis, sandbox, settings);
        instances.add(instance);
        return RedisGateways.client(instance, key);
    }

    @Override
    public void close() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        sandbox.close();
        redis.close();
    }
}
