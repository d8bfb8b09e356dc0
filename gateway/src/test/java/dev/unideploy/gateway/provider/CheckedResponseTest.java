package dev.unideploy.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.problem.SecretRedaction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The passthrough's bounded answer gives back every buffer of a body it refuses, read or unread. */
class CheckedResponseTest {

    private static final long MAX = 64;

    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

    /** Pooled chunks of 32 bytes, as a provider connection receives them. */
    private List<ByteBuf> chunks(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> PooledByteBufAllocator.DEFAULT
                        .directBuffer()
                        .writeBytes("x".repeat(32).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /**
     * The chunks as Reactor Netty hands a received body on: each delivered buffer is the subscriber's to release, those
     * not yet delivered are released when the subscriber cancels — and none while nobody subscribes.
     */
    private Flux<DataBuffer> received(List<ByteBuf> chunks) {
        AtomicInteger next = new AtomicInteger();
        return Flux.<DataBuffer>generate(sink -> {
                    int index = next.getAndIncrement();
                    if (index < chunks.size()) {
                        sink.next(buffers.wrap(chunks.get(index)));
                    } else {
                        sink.complete();
                    }
                })
                .doOnCancel(() -> chunks.subList(Math.min(next.get(), chunks.size()), chunks.size())
                        .forEach(ByteBuf::release));
    }

    private void refuses(MockServerHttpResponse delegate, List<ByteBuf> chunks) {
        CheckedResponse checked = new CheckedResponse(delegate, MAX, new SecretRedaction(List.of()));
        StepVerifier.create(checked.writeWith(received(chunks)))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("response too large"))
                .verify();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
        assertThat(delegate.isCommitted()).as("nothing sent to the client").isFalse();
    }

    @Test
    void aBodyRefusedByItsContentLengthIsReleasedUnread() {
        MockServerHttpResponse delegate = new MockServerHttpResponse();
        delegate.getHeaders().setContentLength(300L * 1024 * 1024);
        refuses(delegate, chunks(4));
    }

    @Test
    void aBodyThatOutgrowsTheLimitIsReleased() {
        refuses(new MockServerHttpResponse(), chunks(4));
    }
}
