package dev.unideploy.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Server-Sent Events as bytes on the wire, exactly as Spring's {@code ServerSentEventHttpMessageWriter} writes a
 * {@code ServerSentEvent<String>} ({@code id:}, {@code event:}, {@code :comment}, {@code data:} lines, a blank line).
 * The last frame written is kept: subscribers in step write the same event (the same shared data) one after the
 * other, and share its bytes instead of encoding it each.
 */
final class SseFrames {

    /** The heartbeat comment, the same for every stream. */
    static final byte[] HEARTBEAT =
            encode(ServerSentEvent.<String>builder().comment("heartbeat").build());

    private record Frame(ServerSentEvent<String> event, byte[] bytes) {}

    private final AtomicReference<Frame> last = new AtomicReference<>();

    /** The bytes of {@code event}, shared with the previous call's when it is the same event. */
    byte[] bytes(ServerSentEvent<String> event) {
        Frame frame = last.get();
        if (frame != null && same(frame.event(), event)) {
            return frame.bytes();
        }
        byte[] bytes = encode(event);
        last.set(new Frame(event, bytes));
        return bytes;
    }

    /** Same id, name and comment, and the very same data (shared rendering, so compared by identity). */
    private static boolean same(ServerSentEvent<String> a, ServerSentEvent<String> b) {
        return a.data() == b.data()
                && Objects.equals(a.id(), b.id())
                && Objects.equals(a.event(), b.event())
                && Objects.equals(a.comment(), b.comment())
                && Objects.equals(a.retry(), b.retry());
    }

    static byte[] encode(ServerSentEvent<String> event) {
        StringBuilder frame = new StringBuilder();
        if (event.id() != null) {
            frame.append("id:").append(event.id()).append('\n');
        }
        if (event.event() != null) {
            frame.append("event:").append(event.event()).append('\n');
        }
        if (event.retry() != null) {
            frame.append("retry:").append(event.retry().toMillis()).append('\n');
        }
        if (event.comment() != null) {
            frame.append(':').append(event.comment().replace("\n", "\n:")).append('\n');
        }
        if (event.data() != null) {
            frame.append("data:").append(event.data().replace("\n", "\ndata:")).append('\n');
        }
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
