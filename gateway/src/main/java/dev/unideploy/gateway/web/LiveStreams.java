package dev.unideploy.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/**
 * The short road for an event stream that joins a watch already running: right after the HTTP codec, {@code GET
 * /v1/deployments/{id}/events} is served from the shared watch ({@link DeploymentEvents}, the same events, ids and
 * bytes as {@link EventsController}) without the exchange, filter chain, observation, handler mapping and SSE writer
 * the full road keeps alive per stream: about 4 KB of heap per stream, connection included, instead of about 27 KB
 * (measured by the benchmark's (d); most of what is left is Netty's channel and codec).
 * Only a request the full road would answer the same way takes it ({@link StreamRequest}: a plain id, an API key with
 * read scope and no rate limit, …), with nothing else in flight on the connection and a watch of that deployment
 * running (so the first subscriber, and every 404, goes the full road). If the watch fails
 * before its first event (403, 404), the request is handed on, untouched, to the full road, which answers the problem.
 * Heartbeats come from {@link OpenStreams}, one timer for all. One instance per connection.
 */
final class LiveStreams extends ChannelDuplexHandler implements OpenStreams.Stream {

    static final String NAME = "unideploy.liveStreams";

    private final OpenStreams streams;
    private @Nullable ChannelHandlerContext ctx;

    /** Requests handed on to the full road whose answers have not all been written yet. */
    private int inFlight;

    /** Whether a stream is served here now. */
    private boolean streaming;

    /** The request served here, kept until the first event to hand it on if its watch fails before (then null). */
    private @Nullable HttpRequest serving;

    /** A request taken here whose last content has not been read yet. */
    private boolean pendingLast;

    private boolean started;
    private @Nullable Disposable subscription;

    LiveStreams(OpenStreams streams) {
        this.streams = streams;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (pendingLast) { // the rest of a request served here: its empty last content
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                pendingLast = false;
                // while streaming, a client that goes away is seen at once; after the stream, the next request
                ctx.read();
            }
            return;
        }
        if (streaming) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof HttpRequest) {
                ctx.close(); // pipelined behind an endless stream: nothing sane to do but close
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (inFlight == 0 && serve(ctx, request)) {
                return;
            }
            inFlight++;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!streaming && msg instanceof LastHttpContent && inFlight > 0) {
            inFlight--; // a full-road answer is complete
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private boolean serve(ChannelHandlerContext ctx, HttpRequest request) {
        StreamRequest stream = StreamRequest.of(request, streams.readers);
        if (stream == null || !streams.events.watching(stream.id())) {
            return false;
        }
        streaming = true;
        serving = request;
        pendingLast = !(request instanceof LastHttpContent);
        started = false;
        subscription = streams.events
                .events(stream.client(), stream.id(), stream.resumeFrom(), stream.path())
                .subscribe(
                        event -> onLoop(() -> send(event)),
                        error -> onLoop(() -> failed(error)),
                        () -> onLoop(this::end));
        return true;
    }

    private void onLoop(Runnable task) {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            return;
        }
        if (context.executor().inEventLoop()) {
            task.run();
        } else {
            context.executor().execute(task);
        }
    }

    private void send(ServerSentEvent<String> event) {
        if (!streaming || ctx == null) {
            return;
        }
        if (!started && serving != null) {
            started = true;
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setTransferEncodingChunked(head, true);
            head.headers()
                    .set(
                            RequestIdFilter.HEADER,
                            RequestIdFilter.requestId(serving.headers().get(RequestIdFilter.HEADER)));
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream;charset=UTF-8");
            ctx.write(head);
            serving = null; // from here on a failure cuts the stream off: the request is not needed again
            streams.add(this);
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(streams.frames.bytes(event))));
    }

    @Override
    public void heartbeat() {
        onLoop(() -> {
            if (streaming && started && ctx != null) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(SseFrames.HEARTBEAT)));
            }
        });
    }

    /** Before the first event: the full road answers (the problem a 403 or 404 deserves); after it: cut off. */
    private void failed(Throwable error) {
        if (!streaming || ctx == null) {
            return;
        }
        if (started) {
            stop();
            ctx.close();
        } else {
            handOn(ctx);
        }
    }

    private void end() {
        if (!streaming || ctx == null) {
            return;
        }
        if (!started) { // nothing was sent: let the full road answer it as it would
            handOn(ctx);
            return;
        }
        stop();
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!pendingLast) {
            ctx.read(); // the next request on this connection
        }
    }

    /** The request goes on, untouched, to the full road, as if it had never stopped here. */
    private void handOn(ChannelHandlerContext ctx) {
        HttpRequest request = Objects.requireNonNull(serving);
        boolean lastRead = !pendingLast; // else it is still to come, and goes on by itself
        stop();
        pendingLast = false;
        inFlight++;
        ctx.fireChannelRead(request);
        if (lastRead) {
            ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    private void stop() {
        Disposable running = subscription;
        subscription = null;
        streaming = false;
        serving = null;
        streams.remove(this);
        if (running != null) {
            running.dispose();
        }
    }
}
