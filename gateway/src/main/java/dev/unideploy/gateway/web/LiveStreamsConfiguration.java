package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        OpenStreams.Readers readers = key -> ShortRoad.reader(key, keys, properties);
        return new OpenStreams(events, readers, properties.events().heartbeat(), meters);
    }

    @Bean
    NettyServerCustomizer liveStreams(
            OpenStreams streams, @Value("${unideploy.events.short-road:true}") boolean enabled) {
        return ShortRoad.afterCodec(enabled, LiveStreams.NAME, () -> new LiveStreams(streams));
    }
}
