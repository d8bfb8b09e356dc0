package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.RateLimitFilter;
import dev.unideploy.gateway.security.Scope;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

/**
 * What the short roads right after the HTTP codec — {@link KeptReads} for kept answers, {@link LiveStreams} for
 * joining event streams — share: who may take them, which requests, and how they are installed. A short road only
 * takes what the full road would answer the same way; everything else goes on untouched.
 */
final class ShortRoad {

    private ShortRoad() {}

    /**
     * The client of {@code key} if it may take a short road: a read scope and no rate limit (a short road neither
     * counts requests nor checks other scopes), else null.
     */
    static @Nullable ClientPrincipal reader(String key, ApiKeys keys, UnideployProperties properties) {
        return keys.authenticate(key)
                .filter(client -> client.has(Scope.READ) && RateLimitFilter.limitOf(client, properties) <= 0)
                .orElse(null);
    }

    /** A bodiless keep-alive HTTP/1.1 {@code GET} with no cookie and no {@code Origin} (no browser session, no CORS). */
    static boolean plainGet(HttpRequest request) {
        HttpHeaders headers = request.headers();
        return request.method() == HttpMethod.GET
                && HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                && HttpUtil.isKeepAlive(request)
                && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                && !headers.contains(HttpHeaderNames.COOKIE)
                && !headers.contains(HttpHeaderNames.ORIGIN);
    }

    /** Puts a new {@code handler} named {@code name} right after each HTTP connection's codec, unless turned off. */
    static NettyServerCustomizer afterCodec(boolean enabled, String name, Supplier<ChannelHandler> handler) {
        return server -> !enabled
                ? server
                : server.doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                            && channel.pipeline().get(name) == null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, name, handler.get());
                    }
                });
    }
}
