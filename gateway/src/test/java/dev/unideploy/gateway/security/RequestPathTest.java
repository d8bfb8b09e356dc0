package dev.unideploy.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The one decoded path decisions are made on, and the spellings that are refused before anything is sent. */
class RequestPathTest {

    private static RequestPath parse(String rawPath) {
        // as sent: the URI is taken as it is, never encoded again
        return RequestPath.parse(MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://gateway" + rawPath))
                .build());
    }

    /** Characters a path segment may hold once decoded (ids are {@code [A-Za-z0-9._~-]}, a colon between parts). */
    @Provide
    Arbitrary<List<String>> segments() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~-:@!$&'()*+,=")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(segment -> !segment.equals(".") && !segment.equals(".."))
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
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

    @Property
    void anySpellingOfAPathDecodesToThePlainPath(@ForAll("segments") List<String> segments, @ForAll long seed) {
        String plain = "/" + String.join("/", segments);
        String spelled = "/"
                + String.join(
                        "/",
                        segments.stream()
                                .map(s -> respell(s, seed + s.hashCode()))
                                .toList());
        RequestPath path = parse(spelled);
        assertThat(path.value()).isEqualTo(plain);
        assertThat(path.segments()).isEqualTo(segments);
    }

    @Provide
    Arbitrary<String> dotSegment() {
        return Arbitraries.of(
                ".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "%2E%2e", "..;", ".;x", "%252e%252e", "%252E");
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of("%2f", "%2F", "%5c", "%5C", "%252f", ";", ";x=1", "%3b", "%3B", "%00", "%0a", "%7f");
    }

    @Property
    void aDotSegmentInAnyEncodingAnywhereIsRefused(
            @ForAll("segments") List<String> segments,
            @ForAll("dotSegment") String dot,
            @ForAll("position") int position) {
        int at = Math.min(position, segments.size());
        List<String> attacked = new java.util.ArrayList<>(segments);
        attacked.add(at, dot);
        assertRefused("/" + String.join("/", attacked));
    }

    @Property
    void anEncodedSeparatorParameterOrControlCharacterIsRefused(
            @ForAll("segments") List<String> segments,
            @ForAll("separator") String separator,
            @ForAll("position") int position) {
        int at = Math.min(position, segments.size() - 1);
        List<String> attacked = new java.util.ArrayList<>(segments);
        attacked.set(at, attacked.get(at) + separator);
        assertRefused("/" + String.join("/", attacked));
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, 6);
    }

    @Example
    void emptySegmentsAreRefused() {
        // (malformed escapes such as %zz never get this far: the HTTP layer refuses them, see HardeningTest)
        for (String path : List.of("/v1//deployments", "//actuator/prometheus", "/v1/providers//x")) {
            assertRefused(path);
        }
    }

    @Example
    void aTrailingSlashIsKept() {
        assertThat(parse("/v1/providers/").value()).isEqualTo("/v1/providers/");
        assertThat(parse("/").value()).isEqualTo("/");
    }

    @Example
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
