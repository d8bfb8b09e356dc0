package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.yaml.snakeyaml.Yaml;

/** Provider ids are data: every id handed out matches the published pattern and reads back as the same id. */
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

    @Provide
    Arbitrary<String> providerIds() {
        // Unicode of every plane, the URL's own delimiters, escapes that look like ours, and dot segments.
        Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> urlish = Arbitraries.strings()
                .withChars("/?#%.~ :&=+aZ09_-")
                .withChars('\u00e9', '\u4e2d', '\ud83d', '\ude80')
                .ofMinLength(0)
                .ofMaxLength(20);
        Arbitrary<String> tricky = Arbitraries.of(".", "..", "../x", "a/../b", "%2e%2e", "~2E~2E", "~", "a b", "?", "");
        return Arbitraries.oneOf(anything, urlish, tricky);
    }

    @Property(tries = 2000)
    @Label("every provider id is handed out in the published pattern and round-trips, or is a 502")
    void providerIdsRoundTrip(@ForAll("providerIds") String local) {
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
                    .as("only empty, dot-segment, malformed or too long ids are refused: %s", local)
                    .isTrue();
            return;
        }
        String text = id.toString();
        assertThat(text).matches(PUBLISHED).hasSizeLessThanOrEqualTo(PUBLISHED_MAX);
        GlobalId back = GlobalId.parse("id", text);
        assertThat(back.local()).isEqualTo(local);
        assertThat(back).isEqualTo(id);
        assertThat(back.toString()).isEqualTo(text);
    }

    @Property(tries = 1000)
    @Label("ids that were URL-safe already are handed out unchanged")
    void plainIdsStayUnchanged(@ForAll("plain") String local) {
        assertThat(new GlobalId("dokploy", local).toString()).isEqualTo("dokploy:" + local);
        assertThat(GlobalId.parse("id", "dokploy:" + local).local()).isEqualTo(local);
    }

    @Provide
    Arbitrary<String> plain() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .numeric()
                .withChars("._-")
                .ofMinLength(1)
                .ofMaxLength(60)
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property(tries = 2000)
    @Label("any text in the published pattern is either refused with 400 or is the one spelling of its id")
    void parsedTextIsCanonical(@ForAll("patternTexts") String text) {
        GlobalId id;
        try {
            id = GlobalId.parse("id", "zectre:" + text);
        } catch (ApiException refused) {
            assertThat(refused.code()).isEqualTo(ProblemCode.INVALID_REQUEST);
            return;
        }
        assertThat(id.toString()).isEqualTo("zectre:" + text);
    }

    @Provide
    Arbitrary<String> patternTexts() {
        return Arbitraries.strings()
                .withChars("~0123456789ABCDEFabcdef.-_xyz")
                .ofMinLength(1)
                .ofMaxLength(24);
    }

    @Property(tries = 200)
    @Label("a provider id longer than the pattern allows is a 502, not an id outside the spec")
    void tooLongIsUnrepresentable(@ForAll @StringLength(min = 301, max = 400) String local) {
        assertThatThrownBy(() -> new GlobalId("mist", local))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.PROVIDER_ERROR));
    }

    @Example
    void escapesWhatIsNotUrlSafe() {
        assertThat(new GlobalId("coolify", "a b").toString()).isEqualTo("coolify:a~20b");
        assertThat(new GlobalId("coolify", "x/../y?z").toString()).isEqualTo("coolify:x~2F..~2Fy~3Fz");
        assertThat(new GlobalId("coolify", "~").toString()).isEqualTo("coolify:~7E");
        assertThat(new GlobalId("coolify", "100%").toString()).isEqualTo("coolify:100~25");
        assertThat(new GlobalId("coolify", "é").toString()).isEqualTo("coolify:~C3~A9");
        assertThat(new GlobalId("mist", "1.42").toString()).isEqualTo("mist:1.42");
    }

    @Example
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

    @Example
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
