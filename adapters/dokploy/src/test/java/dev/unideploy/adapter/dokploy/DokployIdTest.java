package dev.unideploy.adapter.dokploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.spi.ProviderException;
import java.time.Instant;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Local ids round-trip, match the gateway's published id pattern, and a title names exactly its id. */
class DokployIdTest {

    /** The part after {@code <connection>:} in the spec's DeploymentId pattern. */
    private static final Pattern PUBLISHED = Pattern.compile("[A-Za-z0-9._~-]+");

    private static final String NANOID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final String CORRELATION = NANOID + ".";

    private static String random(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 500).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("property: every id round-trips, matches the published pattern, and its title names it")
    void roundTrips(int seed) {
        Random random = new Random(seed);
        String app = random(random, NANOID, 1 + random.nextInt(24));
        DokployRowId row = DokployId.row(app, random(random, NANOID, 1 + random.nextInt(24)));
        DokployTriggeredId triggered = new DokploySeal("key-" + seed)
                .issue(
                        app,
                        Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)),
                        random(random, CORRELATION, 1 + random.nextInt(100)));

        assertThat(DokployId.parse(row.toString())).isEqualTo(row);
        assertThat(DokployId.parse(triggered.toString())).isEqualTo(triggered);
        assertThat(DokployId.fromTitle(app, triggered.title())).isEqualTo(triggered);
        assertThat(row.toString()).matches(PUBLISHED);
        assertThat(triggered.toString()).matches(PUBLISHED);
        assertThat(new DokploySeal("key-" + seed).verifies(triggered)).isTrue();
        assertThat(new DokploySeal("another key").verifies(triggered)).isFalse();
    }

    @Test
    @DisplayName("titles the gateway did not send name no id")
    void foreignTitles() {
        for (String title :
                new String[] {"Manual deployment", "unideploy-", "unideploy-~x", "unideploy-c-1", "~1~c~2"}) {
            assertThat(DokployId.fromTitle("dok-web", title)).as(title).isNull();
        }
        assertThat(DokployId.fromTitle("dok-web", null)).isNull();
    }

    @Test
    @DisplayName("a row id Dokploy would never make cannot be represented: a bad response, not a broken id")
    void unrepresentableRowIds() {
        for (String id : new String[] {"a b", "a/b", "..", "a?b", "~x", ""}) {
            assertThatThrownBy(() -> DokployId.row("dok-web", id))
                    .as(id)
                    .isInstanceOf(ProviderException.BadResponse.class);
        }
    }
}
