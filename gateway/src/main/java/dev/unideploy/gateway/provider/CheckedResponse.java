package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ResponseLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider's answer through the passthrough: read whole but no further than its limit (past it, 502 {@code
 * provider_error} "response too large", nothing sent yet), then sent byte for byte — binary and compressed bodies
 * untouched — except that configured secrets are masked. A compressed answer is decompressed (within the same
 * limit) only to look for secrets; if one is there, the client gets the decompressed body, masked.
 */
final class CheckedResponse extends ServerHttpResponseDecorator {

    private final long max;
    private final SecretRedaction redaction;

    CheckedResponse(ServerHttpResponse delegate, long max, SecretRedaction redaction) {
        super(delegate);
        this.max = max;
        this.redaction = redaction;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        HttpHeaders headers = getHeaders();
        Integer status = getStatusCode() == null ? null : getStatusCode().value();
        if (headers.getContentLength() > max) {
            // refused unread: cancelling the body releases what already arrived, and the route's clean-up drops
            // the connection (a body nobody subscribes to is never released: Netty reports a leak), as
            // NettyTransport does for a provider answer refused by its Content-Length
            Flux.from(body).subscribe(DataBufferUtils::release, ignored -> {}).dispose();
            return Mono.error(ResponseLimits.tooLarge(max, status));
        }
        return DataBufferUtils.join(body, (int) Math.min(max, Integer.MAX_VALUE - 8))
                .onErrorMap(DataBufferLimitException.class, over -> ResponseLimits.tooLarge(max, status))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .flatMap(bytes -> {
                    byte[] out = checked(bytes, headers, status);
                    if (out != bytes) {
                        headers.setContentLength(out.length);
                    }
                    return super.writeWith(Mono.just(bufferFactory().wrap(out)));
                })
                .switchIfEmpty(Mono.defer(() -> super.writeWith(Flux.empty())));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).concatMap(Flux::from));
    }

    /** The bytes to send: the very array when no secret is in it. */
    private byte[] checked(byte[] bytes, HttpHeaders headers, @Nullable Integer status) {
        if (redaction.isEmpty() || bytes.length == 0) {
            return bytes;
        }
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return redaction.redact(bytes);
        }
        byte[] decoded = decode(bytes, encoding.trim().toLowerCase(Locale.ROOT), status);
        if (!redaction.foundIn(decoded)) {
            return bytes; // nothing to mask: byte for byte as the provider sent it
        }
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        return redaction.redact(decoded);
    }

    private byte[] decode(byte[] bytes, String encoding, @Nullable Integer status) {
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> readAll(new GZIPInputStream(new ByteArrayInputStream(bytes)), status);
                case "deflate" -> inflate(bytes, status);
                default ->
                    throw new ProviderException.BadResponse(
                            "the answer's encoding '" + encoding + "' cannot be checked for credentials", status, null);
            };
        } catch (IOException corrupt) {
            throw new ProviderException.BadResponse("the answer's " + encoding + " body is corrupt", status, null);
        }
    }

    /** HTTP's deflate is zlib-wrapped, but some servers send it raw. */
    private byte[] inflate(byte[] bytes, @Nullable Integer status) throws IOException {
        try {
            return readAll(new InflaterInputStream(new ByteArrayInputStream(bytes)), status);
        } catch (ZipException notZlib) {
            return readAll(new InflaterInputStream(new ByteArrayInputStream(bytes), new Inflater(true)), status);
        }
    }

    private byte[] readAll(InputStream in, @Nullable Integer status) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > max) { // a small body that inflates without end
                    throw ResponseLimits.tooLarge(max, status);
                }
            }
            return out.toByteArray();
        }
    }

    @Override
    public String toString() {
        return "CheckedResponse[max=" + max + "]";
    }
}
