package dev.unideploy.gateway.web;

import dev.unideploy.gateway.security.ApiKeyAuthenticationFilter;
import dev.unideploy.gateway.web.RenderedReads.Rendered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shortest road for a repeated read: right after the HTTP codec, a {@code GET} whose answer {@link
 * ConditionalReadFilter} kept for this client is answered from those bytes (or 304) without the rest of the server —
 * no exchange, filter chain, handler mapping, validation, controller or JSON. Only a request the full road would
 * answer the same way takes it: a plain path (no percent-encoding, no {@code ;}), a single {@code Authorization:
 * Bearer} API key with {@code deployments:read} and no rate limit, no cookie, no {@code Origin} (CORS), no body, no
 * {@code waitFor}, HTTP/1.1 keep-alive, and nothing else in flight on the connection (answers stay in order).
 * Everything else — every miss — goes on, untouched, to the full road, which authorises, validates and keeps answers.
 * One instance per connection.
 */
final class KeptReads extends ChannelDuplexHandler {

    static final String NAME = "unideploy.keptReads";

    /** The cacheable reads, spelled only with characters that need no decoding. */
    private static final Pattern PLAIN =
            Pattern.compile("/v1/deployments(/[A-Za-z0-9][A-Za-z0-9_-]*:[A-Za-z0-9._~-]+)?|/v1/apps"
                    + "|/v1/apps/[A-Za-z0-9][A-Za-z0-9_-]*:[A-Za-z0-9._~-]+/revisions");

    private static final Pattern PLAIN_QUERY = Pattern.compile("[A-Za-z0-9._~=&:-]*");

    /** Who may read kept answers: the client name for an API key, when that client has read scope and no limit. */
    interface Readers extends Function<String, @Nullable String> {}

    private final RenderedReads reads;
    private final Readers readers;
    private final Counter served;

    /** Requests handed on to the full road whose answers have not all been written yet. */
    private int inFlight;

    /** Swallowing the rest (its empty last content) of a request answered here. */
    private boolean answered;

    KeptReads(RenderedReads reads, Readers readers, Counter served) {
        this.reads = reads;
        this.readers = readers;
        this.served = served;
    }

    static Counter counter(MeterRegistry meters) {
        return Counter.builder("unideploy.reads.kept")
                .description("Repeated reads answered from a kept answer before the filter chain")
                .register(meters);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            answered = false;
            Rendered kept = inFlight == 0 ? kept(request) : null;
            if (kept != null) {
                answered = true;
                answer(ctx, request, kept);
            } else {
                inFlight++;
            }
        }
        if (answered) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                // Reactor Netty reads the next request once it has answered one; this one it never saw
                ctx.read();
            }
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent && inFlight > 0) {
            inFlight--; // a full-road answer (a FullHttpResponse is a LastHttpContent too) is complete
        }
        super.write(ctx, msg, promise);
    }

    private @Nullable Rendered kept(HttpRequest request) {
        if (!ShortRoad.plainGet(request)) {
            return null;
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? null : uri.substring(question + 1);
        if (!PLAIN.matcher(path).matches()
                || (query != null && (!PLAIN_QUERY.matcher(query).matches() || query.contains("waitFor=")))) {
            return null;
        }
        String client = client(request.headers().getAll(HttpHeaderNames.AUTHORIZATION));
        return client == null ? null : reads.get(ConditionalReadFilter.key(client, path, query));
    }

    private @Nullable String client(List<String> authorization) {
        return ApiKeyAuthenticationFilter.bearer(authorization).map(readers).orElse(null);
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request, Rendered kept) {
        boolean notModified = RenderedReads.matches(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), kept.etag());
        FullHttpResponse response = notModified
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED)
                : new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(kept.body()));
        HttpHeaders headers = response.headers();
        headers.set(
                RequestIdFilter.HEADER,
                RequestIdFilter.requestId(request.headers().get(RequestIdFilter.HEADER)));
        headers.set(HttpHeaderNames.ETAG, kept.etag());
        if (!notModified) { // a 304 has no body, and no Content-Length that would describe another one
            headers.set(HttpHeaderNames.CONTENT_TYPE, kept.contentType());
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, kept.body().length);
        }
        served.increment();
        ctx.writeAndFlush(response);
    }
}
