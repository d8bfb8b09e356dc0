package dev.unideploy.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/**
 * The one decoded path decisions are made on, and the spellings that are refused before anything is sent: over
 * seeded random paths (see {@link Seeded}) and the edge cases listed with them.
 */
class RequestPathTest {

    private static RequestPath parse(String rawPath) {
        // as sent: the URI is taken as it is, never encoded again
        return RequestPath.parse(MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://gateway" + rawPath))
                .build());
    }

    /** Characters a path segment may hold once decoded (ids are {@code [A-Za-z0-9._~-]}, a colon between parts). */
    private static final String SEGMENT_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~-:@!$&'()*+,=";

    /** One to six segments of one to twelve such characters. */
    private static List<String> segments(Random random) {
        return Seeded.list(random, 1, 6, r -> Seeded.string(r, SEGMENT_CHARS, 1, 12));
    }

    /** {@code segment} with characters percent-encoded at random (hex in either case). */
    private static String respell(String segment, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder out = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (random.nextBoolean()) {
                String hex = HexFormat.of().toHexDigits((byte) c);
                out.append('%').append(random.nextBoolean() ? hex : hex.toUpperCase());
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Plain segments and the seed their spelling is chosen with. */
    record Spelling(List<String> segments, long seed) {}

    static Stream<Case<Spelling>> spellings() {
        Stream<List<String>> paths = Stream.of(
                List.of("a"),
                List.of("~"),
                List.of(":"),
                List.of("="),
                List.of("'()*+,"),
                List.of(SEGMENT_CHARS.substring(0, 12)),
                List.of(SEGMENT_CHARS.substring(SEGMENT_CHARS.length() - 12)),
                List.of("-", "_", "~", ":", "@", "!"),
                List.of("v1", "deployments", "coolify:a~20b"));
        return Stream.concat(
                paths.flatMap(segments -> Seeded.edges(
                        new Spelling(segments, 0L),
                        new Spelling(segments, -1L),
                        new Spelling(segments, Long.MAX_VALUE),
                        new Spelling(segments, Long.MIN_VALUE))),
                Seeded.cases(1000, random -> new Spelling(segments(random), random.nextLong())));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("spellings")
    void anySpellingOfAPathDecodesToThePlainPath(Case<Spelling> input) {
        List<String> segments = input.input().segments();
        long seed = input.input().seed();
        String plain = "/" + String.join("/", segments);
        String spelled = "/"
                + String.join(
                        "/",
                        segments.stream()
                                .map(s -> respell(s, seed + s.hashCode()))
                                .toList());
        RequestPath path = parse(spelled);
        assertThat(path.value()).as("%s spelled %s", input, spelled).isEqualTo(plain);
        assertThat(path.segments()).as("%s spelled %s", input, spelled).isEqualTo(segments);
    }

    private static final String[] DOT_SEGMENTS = {
        ".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "%2E%2e", "..;", ".;x", "%252e%252e", "%252E"
    };

    private static final String[] SEPARATORS = {
        "%2f", "%2F", "%5c", "%5C", "%252f", ";", ";x=1", "%3b", "%3B", "%00", "%0a", "%7f"
    };

    /** Segments, an attack on them, and where (0 to 6) it goes. */
    record Attack(List<String> segments, String attack, int position) {}

    /** Every attack at every position of a fixed path, then random paths, attacks and positions. */
    private static Stream<Case<Attack>> attacks(String[] attacks) {
        List<String> path = List.of("v1", "deployments", "coolify:x");
        return Stream.concat(
                Stream.of(attacks)
                        .flatMap(attack ->
                                IntStream.rangeClosed(0, 6).mapToObj(position -> new Attack(path, attack, position)))
                        .flatMap(Seeded::edges),
                Seeded.cases(
                        1000,
                        random -> new Attack(
                                segments(random), Seeded.oneOf(random, attacks), Seeded.between(random, 0, 6))));
    }

    static Stream<Case<Attack>> dotSegments() {
        return attacks(DOT_SEGMENTS);
    }

    static Stream<Case<Attack>> separators() {
        return attacks(SEPARATORS);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dotSegments")
    void aDotSegmentInAnyEncodingAnywhereIsRefused(Case<Attack> input) {
        List<String> segments = input.input().segments();
        int at = Math.min(input.input().position(), segments.size());
        List<String> attacked = new ArrayList<>(segments);
        attacked.add(at, input.input().attack());
        assertRefused("/" + String.join("/", attacked));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("separators")
    void anEncodedSeparatorParameterOrControlCharacterIsRefused(Case<Attack> input) {
        List<String> segments = input.input().segments();
        int at = Math.min(input.input().position(), segments.size() - 1);
        List<String> attacked = new ArrayList<>(segments);
        attacked.set(at, attacked.get(at) + input.input().attack());
        assertRefused("/" + String.join("/", attacked));
    }

    @Test
    void emptySegmentsAreRefused() {
        // (malformed escapes such as %zz never get this far: the HTTP layer refuses them, see HardeningTest)
        for (String path : List.of("/v1//deployments", "//actuator/prometheus", "/v1/providers//x")) {
            assertRefused(path);
        }
    }

    @Test
    void aTrailingSlashIsKept() {
        assertThat(parse("/v1/providers/").value()).isEqualTo("/v1/providers/");
        assertThat(parse("/").value()).isEqualTo("/");
    }

    @Test
    void underMeansTheSegmentNotThePrefix() {
        assertThat(parse("/actuator/health/x").isUnder("/actuator/health")).isTrue();
        assertThat(parse("/actuatorx").isUnder("/actuator")).isFalse();
    }

    private static void assertRefused(String rawPath) {
        assertThatThrownBy(() -> parse(rawPath))
                .as(rawPath)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("path")));
    }
}
