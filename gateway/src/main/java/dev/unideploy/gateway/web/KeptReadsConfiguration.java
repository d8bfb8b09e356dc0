package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs {@link KeptReads} on every HTTP connection, right after the codec: repeated reads of kept answers skip the
 * server's filter chain. {@code unideploy.kept-reads.enabled=false} turns it off (every read takes the full road).
 */
@Configuration(proxyBeanMethods = false)
class KeptReadsConfiguration {

    @Bean
    NettyServerCustomizer keptReads(
            ConditionalReadFilter conditionalReads,
            ApiKeys keys,
            UnideployProperties properties,
            MeterRegistry meters,
            @Value("${unideploy.kept-reads.enabled:true}") boolean enabled) {
        Counter served = KeptReads.counter(meters);
        KeptReads.Readers readers = key -> {
            ClientPrincipal client = ShortRoad.reader(key, keys, properties);
            return client == null ? null : client.name();
        };
        return ShortRoad.afterCodec(
                enabled, KeptReads.NAME, () -> new KeptReads(conditionalReads.reads(), readers, served));
    }
}
