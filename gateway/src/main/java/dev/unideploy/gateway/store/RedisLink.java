package dev.unideploy.gateway.store;

import dev.unideploy.gateway.config.UnideployProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * The feed's, webhooks' and audit trail's own Redis connections (beside the shared store's): one for commands, one
 * for the feed's blocking stream reads, which would hold up every other command on a shared connection.
 */
public final class RedisLink implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> blocking;
    private final Duration timeout;

    private RedisLink(RedisClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        this.commands = client.connect(StringCodec.UTF8);
        this.blocking = client.connect(StringCodec.UTF8);
        // a blocking read waits up to a second: its connection's time limit must be longer
        this.blocking.setTimeout(timeout.plusSeconds(2));
    }

    /** Connects to the server of {@code settings}; fails naming only host and port. */
    public static RedisLink connect(UnideployProperties.Redis settings) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisLink(client, settings.timeout());
        } catch (RuntimeException unreachable) {
            client.shutdown();
            throw new IllegalStateException("Redis at " + uri.getHost() + ":" + uri.getPort()
                    + " (unideploy.redis.url) does not answer: "
                    + unreachable.getClass().getSimpleName());
        }
    }

    RedisReactiveCommands<String, String> commands() {
        return commands.reactive();
    }

    RedisReactiveCommands<String, String> blocking() {
        return blocking.reactive();
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        blocking.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
