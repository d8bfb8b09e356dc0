package dev.unideploy.spi;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What an adapter learnt about its provider and must not forget, because the provider itself forgets it: e.g. which
 * Dokploy row an id the gateway handed out turned out to be, found while the row still carried the title the gateway
 * sent (Dokploy overwrites it once the build ends). The gateway hands each adapter one, scoped to its connection
 * (keys of two connections never meet), through {@link ProviderAdapterFactory#create(ProviderConnection,
 * Correlations)}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Entries are facts: once a key is remembered it keeps its first value; {@link #remember} answers the value
 *       the key holds, which tells a caller whether it won a race for the key.
 *   <li>Every gateway instance sharing a store (Redis when configured) sees the same entries; the memory default
 *       forgets them when its instance restarts, and every store forgets an entry after a long retention (the
 *       gateway's is 30 days). Adapters must therefore still work, if less precisely, with nothing remembered.
 *   <li>Methods never fail: a store that does not answer recalls nothing and remembers nothing (the gateway logs it).
 *   <li>Lazy like the port: nothing happens before subscription.
 * </ul>
 */
public interface Correlations {

    /** The value remembered for {@code key}; empty when there is none. */
    Mono<String> recall(String key);

    /** The values remembered for those of {@code keys} that have one. */
    Mono<Map<String, String>> recallAll(Collection<String> keys);

    /**
     * Remembers {@code value} for {@code key} unless the key already holds a value; answers the value it holds now
     * ({@code value} when this call set it).
     */
    Mono<String> remember(String key, String value);

    /**
     * Correlations in this JVM's memory, the newest {@value LocalCorrelations#CAPACITY} entries: what an adapter
     * created without the gateway (tests, tools) uses.
     */
    static Correlations inMemory() {
        return new LocalCorrelations();
    }
}
