package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageWriter;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

/** The short road's SSE bytes are the bytes Spring's writer puts on the full road, for any event. */
class SseFramesTest {

    private static final String TEXT = "abc {}\":,é€\n\n \\ 0123456789";

    static Stream<Case<ServerSentEvent<String>>> events() {
        return Stream.concat(
                Seeded.edges(
                        ServerSentEvent.<String>builder().comment("heartbeat").build(),
                        ServerSentEvent.<String>builder()
                                .id("0")
                                .event("status")
                                .data("{\"id\":\"coolify:x\"}")
                                .build(),
                        ServerSentEvent.<String>builder()
                                .id("12")
                                .event("log")
                                .data("line\nnext\n")
                                .build(),
                        ServerSentEvent.<String>builder().event("end").data("").build()),
                Seeded.cases(200, SseFramesTest::randomEvent));
    }

    private static ServerSentEvent<String> randomEvent(Random random) {
        ServerSentEvent.Builder<String> event = ServerSentEvent.builder();
        if (random.nextBoolean()) {
            event.id(Integer.toString(random.nextInt(1000)));
        }
        if (random.nextBoolean()) {
            event.event(Seeded.oneOf(random, "status", "log", "end", "error"));
        }
        if (random.nextInt(4) == 0) {
            event.retry(Duration.ofMillis(random.nextInt(10_000)));
        }
        if (random.nextInt(4) == 0) {
            event.comment(Seeded.string(random, TEXT, 0, 20));
        }
        if (random.nextInt(5) > 0) {
            event.data(Seeded.string(random, TEXT, 0, 200));
        }
        return event.build();
    }

    @ParameterizedTest
    @MethodSource("events")
    @DisplayName("an event encodes to exactly what ServerSentEventHttpMessageWriter writes")
    void sameBytesAsSpring(Case<ServerSentEvent<String>> event) {
        assertThat(new String(SseFrames.encode(event.input()), StandardCharsets.UTF_8))
                .isEqualTo(spring(event.input()));
    }

    @Test
    @DisplayName("the same event with the same shared data is encoded once; another event is encoded anew")
    void sharesTheLastFrame() {
        SseFrames frames = new SseFrames();
        String data = "{\"status\":\"building\"}";
        byte[] first = frames.bytes(ServerSentEvent.<String>builder()
                .id("3")
                .event("status")
                .data(data)
                .build());
        byte[] again = frames.bytes(ServerSentEvent.<String>builder()
                .id("3")
                .event("status")
                .data(data)
                .build());
        byte[] otherId = frames.bytes(ServerSentEvent.<String>builder()
                .id("4")
                .event("status")
                .data(data)
                .build());
        assertThat(again).isSameAs(first);
        assertThat(otherId).isNotSameAs(first);
        assertThat(new String(otherId, StandardCharsets.UTF_8)).startsWith("id:4\nevent:status\n");
    }

    private static String spring(ServerSentEvent<String> event) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        new ServerSentEventHttpMessageWriter()
                .write(
                        Mono.just(event),
                        ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class),
                        MediaType.TEXT_EVENT_STREAM,
                        response,
                        Map.of())
                .block(Duration.ofSeconds(5));
        return response.getBodyAsString().block(Duration.ofSeconds(5));
    }
}
