package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PathSegmentTest {

    @Test
    void keepsUnreservedAndPercentEncodesTheRest() {
        assertThat(PathSegment.encode("hsc4wswgck0gso8wow4cgg8o")).isEqualTo("hsc4wswgck0gso8wow4cgg8o");
        assertThat(PathSegment.encode("a b")).isEqualTo("a%20b");
        assertThat(PathSegment.encode("x/../y?z#w%")).isEqualTo("x%2F..%2Fy%3Fz%23w%25");
        assertThat(PathSegment.encode("é~")).isEqualTo("%C3%A9~");
        assertThat(URI.create("http://h/api/deployments/" + PathSegment.encode("a b/c?d"))
                        .getPath())
                .isEqualTo("/api/deployments/a b/c?d");
    }

    @Test
    void anIdThatIsADotSegmentOrEmptyNamesNothing() {
        for (String id : new String[] {"", ".", "..", "\ud83d"}) {
            assertThatThrownBy(() -> PathSegment.encode(id)).isInstanceOf(ProviderException.NotFound.class);
        }
    }
}
