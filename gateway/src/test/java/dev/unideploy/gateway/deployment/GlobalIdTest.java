package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Provider ids are data: every id handed out matches the published pattern and reads back as the same id. The
 * properties run over seeded random ids (see {@link Seeded}) and the edge cases listed with them.
 */
class GlobalIdTest {

    private static final Map<String, Object> DEPLOYMENT_ID = schema("DeploymentId");
    private static final Pattern PUBLISHED = Pattern.compile((String) DEPLOYMENT_ID.get("pattern"));
    private static final int PUBLISHED_MAX = (Integer) DEPLOYMENT_ID.get("maxLength");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String name) {
        try (InputStream in = GlobalIdTest.class.getResourceAsStream("/openapi/unideploy-api.yaml")) {
            Map<String, Object> spec = new Yaml().load(in);
            Map<String, Object> components = (Map<String, Object>) spec.get("components");
            return (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String URLISH = "/?#%.~ :&=+aZ09_-\u00e9\u4e2d\ud83d\ude80";

    /** Unicode of every plane, the URL's own delimiters, escapes that look like ours, and dot segments. */
    static Stream<Case<String>> providerIds() {
        return Stream.concat(
                Seeded.edges(
                        ".",
                        "..",
                        "../x",
                        "a/../b",
                        "%2e%2e",
                        "~2E~2E",
                        "~",
                        "a b",
                        "?",
                        "",
                        "\u0000",
                        "\ud83d",
                        "\ude80",
                        "\ude80\ud83d",
                        "\ud83d\ude80",
                        "\uffff",
                        "\ud83d\ude80".repeat(20),
                        "\u00e9".repeat(40),
                        "\u4e2d".repeat(40),
                        "a".repeat(40),
                        "~".repeat(20),
                        "x".repeat(32) + "\u4e2d".repeat(8)),
                Seeded.cases(2000, random -> switch (random.nextInt(3)) {
                    case 0 -> anything(random);
                    case 1 -> Seeded.string(random, URLISH, 0, 20);
                    default ->
                        Seeded.oneOf(random, ".", "..", "../x", "a/../b", "%2e%2e", "~2E~2E", "~", "a b", "?", "");
                }));
    }

    /** Up to 40 chars of anything: any UTF-16 unit (lone surrogates too), ASCII, and code points of every plane. */
    private static String anything(Random random) {
        int length = Seeded.between(random, 0, 40);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(5)) {
                case 0, 1 -> out.append((char) random.nextInt(0x10000));
                case 2 -> out.append((char) random.nextInt(0x80));
                case 3 -> {
                    int codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT
                            + random.nextInt(Character.MAX_CODE_POINT + 1 - Character.MIN_SUPPLEMENTARY_CODE_POINT);
                    if (out.length() + 2 <= length) {
                        out.appendCodePoint(codePoint);
                    } else {
                        out.append(Character.highSurrogate(codePoint));
                    }
                }
                default ->
                    out.append((char) (Character.MIN_SURROGATE
                            + random.nextInt(Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1)));
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("providerIds")
    @DisplayName("every provider id is handed out in the published pattern and round-trips, or is a 502")
    void providerIdsRoundTrip(Case<String> input) {
        String local = input.input();
        GlobalId id;
        try {
            id = new GlobalId("coolify", local);
        } catch (ApiException unrepresentable) {
            assertThat(unrepresentable.code()).isEqualTo(ProblemCode.PROVIDER_ERROR);
            assertThat(unrepresentable.provider()).isEqualTo("coolify");
            assertThat(local.isEmpty()
                            || local.equals(".")
                            || local.equals("..")
                            || !wellFormed(local)
                            || "coolify:".length() + escapedLength(local) > PUBLISHED_MAX)
                    .as("only empty, dot-segment, malformed or too long ids are refused: %s", input)
                    .isTrue();
            return;
        }
        String text = id.toString();
        assertThat(text).as("%s", input).matches(PUBLISHED).hasSizeLessThanOrEqualTo(PUBLISHED_MAX);
        GlobalId back = GlobalId.parse("id", text);
        assertThat(back.local()).as("%s", input).isEqualTo(local);
        assertThat(back).as("%s", input).isEqualTo(id);
        assertThat(back.toString()).as("%s", input).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("plain")
    @DisplayName("ids that were URL-safe already are handed out unchanged")
    void plainIdsStayUnchanged(Case<String> input) {
        String local = input.input();
        assertThat(new GlobalId("dokploy", local).toString()).isEqualTo("dokploy:" + local);
        assertThat(GlobalId.parse("id", "dokploy:" + local).local()).isEqualTo(local);
    }

    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    static Stream<Case<String>> plain() {
        return Stream.concat(
                Seeded.edges(
                        "a", "Z", "0", "9", "_", "-", "...", ".a", "a.", "_.", ".-", "-".repeat(60), "z".repeat(60)),
                Seeded.cases(1000, random -> {
                    String local;
                    do {
                        local = Seeded.string(random, PLAIN, 1, 60);
                    } while (local.equals(".") || local.equals(".."));
                    return local;
                }));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("patternTexts")
    @DisplayName("any text in the published pattern is either refused with 400 or is the one spelling of its id")
    void parsedTextIsCanonical(Case<String> input) {
        String text = input.input();
        GlobalId id;
        try {
            id = GlobalId.parse("id", "zectre:" + text);
        } catch (ApiException refused) {
            assertThat(refused.code()).as("%s", input).isEqualTo(ProblemCode.INVALID_REQUEST);
            return;
        }
        assertThat(id.toString()).isEqualTo("zectre:" + text);
    }

    static Stream<Case<String>> patternTexts() {
        return Stream.concat(
                Seeded.edges(
                        "~",
                        "~0",
                        "~00",
                        "~7E",
                        "~7e",
                        "~2E",
                        "~2e",
                        "~2E~2E",
                        ".",
                        "..",
                        "~41",
                        "~C3~A9",
                        "~c3~a9",
                        "~C3",
                        "~FF",
                        "~".repeat(24),
                        "x".repeat(24)),
                Seeded.cases(2000, random -> Seeded.string(random, "~0123456789ABCDEFabcdef.-_xyz", 1, 24)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tooLong")
    @DisplayName("a provider id longer than the pattern allows is a 502, not an id outside the spec")
    void tooLongIsUnrepresentable(Case<String> input) {
        String local = input.input();
        assertThatThrownBy(() -> new GlobalId("mist", local))
                .as("%s", input)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.PROVIDER_ERROR));
    }

    /** 301 to 400 chars of anything. */
    static Stream<Case<String>> tooLong() {
        return Stream.concat(
                Seeded.edges("a".repeat(301), "a".repeat(400), "\ud83d".repeat(301), "\ud83d\ude80".repeat(200)),
                Seeded.cases(200, random -> {
                    int length = Seeded.between(random, 301, 400);
                    StringBuilder out = new StringBuilder(length);
                    for (int i = 0; i < length; i++) {
                        out.append(random.nextBoolean() ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x80));
                    }
                    return out.toString();
                }));
    }

    @Test
    void escapesWhatIsNotUrlSafe() {
        assertThat(new GlobalId("coolify", "a b").toString()).isEqualTo("coolify:a~20b");
        assertThat(new GlobalId("coolify", "x/../y?z").toString()).isEqualTo("coolify:x~2F..~2Fy~3Fz");
        assertThat(new GlobalId("coolify", "~").toString()).isEqualTo("coolify:~7E");
        assertThat(new GlobalId("coolify", "100%").toString()).isEqualTo("coolify:100~25");
        assertThat(new GlobalId("coolify", "é").toString()).isEqualTo("coolify:~C3~A9");
        assertThat(new GlobalId("mist", "1.42").toString()).isEqualTo("mist:1.42");
    }

    @Test
    void dotSegmentsAndForeignSpellingsAreRefusedWith400() {
        for (String text : new String[] {
            "coolify:..",
            "coolify:.",
            "coolify:~2E~2E",
            "coolify:~2e",
            "coolify:~41",
            "coolify:a~2",
            "coolify:~ZZ",
            "coolify:~C3",
            "coolify:a b",
            "coolify:",
            ":x",
            "coolify"
        }) {
            assertThatThrownBy(() -> GlobalId.parse("id", text))
                    .as(text)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
        }
    }

    @Test
    void appIdsKeepTheShorterAppLimit() {
        String local = "a".repeat(GlobalId.MAX_APP_LENGTH);
        GlobalId id = new GlobalId("coolify", local);
        assertThat(id.toString()).hasSize(8 + GlobalId.MAX_APP_LENGTH);
        assertThatThrownBy(id::asAppId)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.PROVIDER_ERROR));
        assertThat(new GlobalId("coolify", "cool-web").asAppId()).isEqualTo("coolify:cool-web");
    }

    /** Three characters per UTF-8 byte, but one for the bytes that stand for themselves. */
    private static int escapedLength(String local) {
        int length = 0;
        for (byte b : local.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            length += Character.isLetterOrDigit(b) || b == '.' || b == '_' || b == '-' ? 1 : 3;
        }
        return length;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
