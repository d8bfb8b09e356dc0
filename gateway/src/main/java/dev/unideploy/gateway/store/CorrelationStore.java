package dev.unideploy.gateway.store;

import dev.unideploy.spi.Correlations;
import java.time.Duration;

/**
 * Where adapters remember what their providers forget ({@link Correlations}, e.g. which Dokploy row an id the gateway
 * handed out is): one namespace per provider connection, in this instance's memory by default, in Redis with {@code
 * unideploy.store=redis} so that every instance finds a deployment by the id another one answered.
 */
public interface CorrelationStore extends AutoCloseable {

    /** How long a correlation is kept after it was made: far longer than a provider keeps a deployment. */
    Duration RETENTION = Duration.ofDays(30);

    /** The correlations of one provider connection. */
    Correlations forConnection(String connectionId);

    @Override
    void close();
}
