package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.client.model.App;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Near matches for a mistyped app id. */
class AppSuggestionsTest {

    private static final List<App> APPS = List.of(
            new App().id("coolify:cool-web"),
            new App().id("coolify:cool-broken"),
            new App().id("dokploy:dok-web"),
            new App().id("mist:1"),
            new App().id("mist:2"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "coolify:cool-wbe | coolify:cool-web",
                "Coolify:Cool-Web | coolify:cool-web",
                "dokploy:dokweb | dokploy:dok-web",
                "mist:3 | mist:1 mist:2",
                "coolfy:cool-brokn | coolify:cool-broken",
                "zectre:something-else | ''"
            })
    void suggests(String typed, String expected) {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));

        assertThat(AppSuggestions.near(typed, APPS)).isEqualTo(want);
    }
}
