package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.RateLimitFilter;
import dev.unideploy.gateway.security.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

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
        KeptReads.Readers readers = key -> keys.authenticate(key)
                .filter(client -> client.has(Scope.READ) && RateLimitFilter.limitOf(client, properties) <= 0)
                .map(ClientPrincipal::name)
                .orElse(null);
        return server -> !enabled
                ? server
                : server.doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                            && channel.pipeline().get(KeptReads.NAME) == null) {
                        channel.pipeline()
                                .addAfter(
                                        NettyPipeline.HttpCodec,
                                        KeptReads.NAME,
                                        new KeptReads(conditionalReads.reads(), readers, served));
                    }
                });
    }
}
