package dev.unideploy.adapter.zectre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.spi.ProviderException;
import org.junit.jupiter.api.Test;

/** An SSE event whose data lines never end in a blank line cannot grow past the connection's limit. */
class ZectreStreamLimitsTest {

    @Test
    void anEventThatNeverEndsFailsAtTheLimit() {
        ZectreEventStream.SseParser parser = new ZectreEventStream.SseParser(100);
        assertThat(parser.accept("data: " + "a".repeat(60))).isEmpty();
        assertThatThrownBy(() -> parser.accept("data: " + "b".repeat(60)))
                .isInstanceOf(ProviderException.BadResponse.class)
                .hasMessageContaining("response too large");
    }

    @Test
    void eventsWithinTheLimitStillPass() {
        ZectreEventStream.SseParser parser = new ZectreEventStream.SseParser(100);
        parser.accept("data: " + "a".repeat(60));
        assertThat(parser.accept(""))
                .singleElement()
                .satisfies(line -> assertThat(line.message()).isEqualTo("a".repeat(60)));
    }
}
