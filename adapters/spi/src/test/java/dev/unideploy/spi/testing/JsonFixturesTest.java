package dev.unideploy.spi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFixturesTest {

    @Test
    void fillsEveryPlaceholder() {
        assertThat(JsonFixtures.read(getClass(), "/kit/fixture.json", Map.of("id", "a$1\\b", "count", 3)))
                .isEqualToIgnoringNewLines("{\"id\": \"a$1\\b\", \"count\": 3}");
    }

    @Test
    void aPlaceholderWithoutValueFails() {
        assertThatThrownBy(() -> JsonFixtures.read(getClass(), "/kit/fixture.json", Map.of("id", "a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("${count}");
    }

    @Test
    void aMissingFixtureFails() {
        assertThatThrownBy(() -> JsonFixtures.read(getClass(), "/kit/none.json", Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/kit/none.json");
    }
}
