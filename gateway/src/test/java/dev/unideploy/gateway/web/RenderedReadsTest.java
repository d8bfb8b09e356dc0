package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.provider.Governance;
import dev.unideploy.gateway.web.RenderedReads.Rendered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenderedReadsTest {

    private static Rendered rendered(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Rendered(bytes, RenderedReads.etag(bytes), "application/json", Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("equal bodies have equal strong tags; different bodies different ones")
    void etags() {
        assertThat(rendered("{\"a\":1}").etag()).isEqualTo(rendered("{\"a\":1}").etag());
        assertThat(rendered("{\"a\":1}").etag())
                .isNotEqualTo(rendered("{\"a\":2}").etag());
        assertThat(rendered("{}").etag()).startsWith("\"").endsWith("\"").hasSize(24);
    }

    @Test
    @DisplayName("If-None-Match: exact, weak, listed and * match; other tags and no header do not")
    void matching() {
        String tag = "\"abc\"";
        assertThat(RenderedReads.matches(tag, tag)).isTrue();
        assertThat(RenderedReads.matches("W/\"abc\"", tag)).isTrue();
        assertThat(RenderedReads.matches("\"x\" , W/\"abc\"", tag)).isTrue();
        assertThat(RenderedReads.matches("*", tag)).isTrue();
        assertThat(RenderedReads.matches("\"abcd\"", tag)).isFalse();
        assertThat(RenderedReads.matches("abc", tag)).isFalse();
        assertThat(RenderedReads.matches(null, tag)).isFalse();
    }

    @Test
    @DisplayName("an answer rendered while a write ran is not kept; one rendered after it is")
    void generations() {
        RenderedReads reads = new RenderedReads(defaults());
        long before = reads.generation();
        reads.clear(); // a write
        reads.put("k", rendered("{}"), before);
        assertThat(reads.get("k")).isNull();
        reads.put("k", rendered("{}"), reads.generation());
        assertThat(reads.get("k")).isNotNull();
        reads.clear();
        assertThat(reads.get("k")).isNull();
    }

    @Test
    @DisplayName("finished deployments are kept for terminal-ttl, the rest half a coalescing window; size 0 keeps none")
    void lifetimes() {
        RenderedReads reads = new RenderedReads(defaults());
        assertThat(reads.ttl(true)).isEqualTo(Duration.ofMinutes(10));
        assertThat(reads.ttl(false)).isEqualTo(Duration.ofMillis(500));
        Governance d = defaults();
        RenderedReads off = new RenderedReads(new Governance(
                d.readTimeout(),
                d.writeTimeout(),
                d.readRetries(),
                d.retryBackoff(),
                d.openFor(),
                d.maxConcurrent(),
                d.coalesceWindow(),
                d.terminalTtl(),
                0));
        off.put("k", rendered("{}"), off.generation());
        assertThat(off.get("k")).isNull();
    }

    /** The configuration defaults (Governance's @DefaultValues). */
    private static Governance defaults() {
        return new Governance(
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                2,
                Duration.ofMillis(100),
                Duration.ofSeconds(10),
                64,
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                10_000);
    }
}
