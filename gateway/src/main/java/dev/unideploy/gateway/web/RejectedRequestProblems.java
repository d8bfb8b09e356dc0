package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.ProblemCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP layer refuses before the application sees them — a request line over its limit (414), headers
 * over theirs (431), a malformed request line, header or URI (400) — are answered by Reactor Netty or Spring's
 * adapter with an empty body. This handler, right after the HTTP codec, gives those answers an RFC 9457 problem
 * body like every other error of the gateway. Answers the application wrote (with their own bodies) pass untouched.
 */
final class RejectedRequestProblems implements NettyServerCustomizer {

    private static final ChannelHandler BODIES = new Bodies();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(Bodies.NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, Bodies.NAME, BODIES);
            }
        });
    }

    static byte[] body(int status) {
        ProblemCode code = switch (status) {
            case 414 -> ProblemCode.URI_TOO_LONG;
            case 431 -> ProblemCode.HEADERS_TOO_LARGE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            default -> ProblemCode.INVALID_REQUEST;
        };
        String detail = switch (status) {
            case 414 -> "The request line is longer than the gateway accepts.";
            case 431 -> "The request headers are larger than the gateway accepts.";
            case 413 -> "The request body is too large.";
            default -> "The request could not be read: its request line, a header or the URI is malformed.";
        };
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type());
        problem.put("title", code.title());
        problem.put("status", code.status().value());
        problem.put("detail", detail);
        problem.put("code", code.wire());
        problem.put("requestId", UUID.randomUUID().toString());
        return JsonMapper.shared().writeValueAsBytes(problem);
    }

    @ChannelHandler.Sharable
    static final class Bodies extends ChannelOutboundHandlerAdapter {
        static final String NAME = "unideploy.rejectedRequestProblems";

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response
                    && !response.content().isReadable()
                    && HttpUtil.getContentLength(response, 0L) == 0
                    && isRefusal(response.status().code())) {
                byte[] body = body(response.status().code());
                FullHttpResponse problem = new DefaultFullHttpResponse(
                        response.protocolVersion(), response.status(), Unpooled.wrappedBuffer(body));
                problem.headers().set(response.headers());
                problem.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
                problem.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                super.write(ctx, problem, promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        private static boolean isRefusal(int status) {
            return status == 400 || status == 413 || status == 414 || status == 431;
        }
    }
}
