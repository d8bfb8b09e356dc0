package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.RateLimitFilter;
import dev.unideploy.gateway.security.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Installs {@link LiveStreams} on every HTTP connection, right after the codec: event streams that join a running
 * watch skip the server's filter chain. {@code unideploy.events.short-road=false} turns it off (every stream takes
 * the full road).
 */
@Configuration(proxyBeanMethods = false)
class LiveStreamsConfiguration {

    @Bean(destroyMethod = "close")
    OpenStreams openStreams(
            DeploymentEvents events, ApiKeys keys, UnideployProperties properties, MeterRegistry meters) {
        OpenStreams.Readers readers = key -> keys.authenticate(key)
                .filter(client -> client.has(Scope.READ) && RateLimitFilter.limitOf(client, properties) <= 0)
                .orElse(null);
        return new OpenStreams(events, readers, properties.events().heartbeat(), meters);
    }

    @Bean
    NettyServerCustomizer liveStreams(
            OpenStreams streams, @Value("${unideploy.events.short-road:true}") boolean enabled) {
        return server -> !enabled
                ? server
                : server.doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                            && channel.pipeline().get(LiveStreams.NAME) == null) {
                        channel.pipeline()
                                .addAfter(NettyPipeline.HttpCodec, LiveStreams.NAME, new LiveStreams(streams));
                    }
                });
    }
}
