package dev.unideploy.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.testing.Seeded;
import dev.unideploy.gateway.testing.Seeded.Case;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets are masked in every form they take, whatever characters they hold: over seeded random secrets (see
 * {@link Seeded}) and the edge cases listed with them.
 */
class SecretRedactionTest {

    private static final String SECRET_CHARS = "abcXYZ0129\"\\/'<>&%+ =:;?#\u00e9\u20ac\t";

    static Stream<Case<String>> secrets() {
        return Stream.concat(
                Seeded.edges(
                        "a".repeat(SecretRedaction.MIN_LENGTH),
                        "\"".repeat(SecretRedaction.MIN_LENGTH),
                        "\\".repeat(SecretRedaction.MIN_LENGTH),
                        "+".repeat(SecretRedaction.MIN_LENGTH),
                        " ".repeat(SecretRedaction.MIN_LENGTH),
                        "%".repeat(SecretRedaction.MIN_LENGTH),
                        "\u00e9".repeat(SecretRedaction.MIN_LENGTH),
                        "\u20ac".repeat(24),
                        "\t".repeat(24),
                        "abcXYZ0129\"\\/'<>&%+ =:;?#\u00e9\u20ac\t"),
                Seeded.cases(1000, SecretRedactionTest::secret));
    }

    private static String secret(Random random) {
        return Seeded.string(random, SECRET_CHARS, SecretRedaction.MIN_LENGTH, 24);
    }

    /** A secret and the bytes around it (none to 255 of them). */
    record Surrounded(String secret, byte[] around) {
        @Override
        public String toString() {
            return Seeded.show(secret) + " around " + Seeded.show(around);
        }
    }

    static Stream<Case<Surrounded>> surrounded() {
        return Stream.concat(
                Seeded.edges(
                        new Surrounded("a".repeat(SecretRedaction.MIN_LENGTH), new byte[0]),
                        new Surrounded("\u20ac".repeat(24), new byte[] {0}),
                        new Surrounded("abcXYZ01", new byte[] {-128, 127, -1, 0, 1}),
                        new Surrounded("abcXYZ01", "abcXYZ0".getBytes(StandardCharsets.UTF_8)),
                        new Surrounded("abcXYZ01", new byte[255])),
                Seeded.cases(1000, random -> {
                    byte[] around = new byte[Seeded.between(random, 0, random.nextBoolean() ? 16 : 255)];
                    if (random.nextInt(10) == 0) {
                        java.util.Arrays.fill(
                                around, Seeded.oneOf(random, (byte) 0, (byte) -1, (byte) -128, (byte) 127));
                    } else {
                        random.nextBytes(around);
                    }
                    return new Surrounded(secret(random), around);
                }));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("secrets")
    void everyFormOfASecretIsMaskedInText(Case<String> input) {
        String secret = input.input();
        SecretRedaction redaction = new SecretRedaction(List.of(secret));
        String json = JsonMapper.shared().writeValueAsString(java.util.Map.of("message", "bad " + secret));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        for (String text : List.of(
                "token " + secret + " refused",
                json,
                "https://x/?t=" + form,
                "https://x/?t=" + form.replace("+", "%20"),
                base64)) {
            String masked = redaction.redact(text);
            assertThat(masked)
                    .as("%s in %s", input, Seeded.show(text))
                    .contains(SecretRedaction.MASK)
                    .doesNotContain(secret);
        }
        String maskedJson = redaction.redact(json);
        assertThat(JsonMapper.shared().readTree(maskedJson).get("message").asString())
                .as("%s", input)
                // still valid JSON; "bad " + MASK, except for a secret of spaces only, which starts at the space
                // of "bad " already (the leftmost occurrence is the one masked)
                .isEqualTo(("bad " + secret).replace(secret, SecretRedaction.MASK));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("surrounded")
    void bytesAreMaskedAndOtherwiseUntouched(Case<Surrounded> input) {
        String secret = input.input().secret();
        byte[] around = input.input().around();
        SecretRedaction redaction = new SecretRedaction(List.of(secret));
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[around.length * 2 + secretBytes.length];
        System.arraycopy(around, 0, body, 0, around.length);
        System.arraycopy(secretBytes, 0, body, around.length, secretBytes.length);
        System.arraycopy(around, 0, body, around.length + secretBytes.length, around.length);
        assertThat(redaction.foundIn(body)).as("%s", input).isTrue();
        byte[] masked = redaction.redact(body);
        assertThat(redaction.foundIn(masked)).as("%s", input).isFalse();
        assertThat(java.util.Arrays.copyOfRange(masked, masked.length - around.length, masked.length))
                .as("%s", input)
                .isEqualTo(around);
    }

    @Test
    void shortSecretsAndNoSecretsChangeNothing() {
        SecretRedaction none = new SecretRedaction(java.util.Arrays.asList(null, "sandbox"));
        assertThat(none.isEmpty()).isTrue();
        byte[] body = {1, 2, 3};
        assertThat(none.redact(body)).isSameAs(body);
        assertThat(none.redact("sandbox")).isEqualTo("sandbox");
    }

    @Test
    void theSerializerMasksValuesAndKeysBeforeEscaping() {
        String secret = "Dok\"ploy\\Secret-42";
        JsonMapper mapper = JsonMapper.builder()
                .addModule(RedactingSerializers.module(new SecretRedaction(List.of(secret))))
                .build();
        String written = mapper.writeValueAsString(
                java.util.Map.of("detail", "Invalid API key " + secret, secret, List.of(secret)));
        assertThat(written)
                .doesNotContain(secret)
                .doesNotContain("Dok\\\"ploy\\\\Secret-42")
                .contains("Invalid API key [redacted]");
    }
}
