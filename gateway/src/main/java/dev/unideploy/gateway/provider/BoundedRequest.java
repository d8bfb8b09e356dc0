package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** A passthrough request whose body, streamed to the provider, stops with 413 past its limit (chunked ones too). */
final class BoundedRequest extends ServerHttpRequestDecorator {

    private final long max;

    BoundedRequest(ServerHttpRequest delegate, long max) {
        super(delegate);
        this.max = max;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return super.getBody().map(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > max) {
                    DataBufferUtils.release(buffer);
                    throw tooLarge(max);
                }
                return buffer;
            });
        });
    }

    static ApiException tooLarge(long max) {
        return ApiException.of(
                ProblemCode.PAYLOAD_TOO_LARGE,
                "The request body is too large for the passthrough (over " + max + " bytes).");
    }
}
