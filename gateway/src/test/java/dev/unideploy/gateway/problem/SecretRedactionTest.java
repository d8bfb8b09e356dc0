package dev.unideploy.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

/** Secrets are masked in every form they take, whatever characters they hold. */
class SecretRedactionTest {

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings()
                .withChars("abcXYZ0129\"\\/'<>&%+ =:;?#é€\t")
                .ofMinLength(SecretRedaction.MIN_LENGTH)
                .ofMaxLength(24);
    }

    @Property
    void everyFormOfASecretIsMaskedInText(@ForAll("secrets") String secret) {
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
            assertThat(masked).as(text).contains(SecretRedaction.MASK).doesNotContain(secret);
        }
        String maskedJson = redaction.redact(json);
        assertThat(JsonMapper.shared().readTree(maskedJson).get("message").asString())
                .isEqualTo("bad " + SecretRedaction.MASK); // still valid JSON
    }

    @Property
    void bytesAreMaskedAndOtherwiseUntouched(@ForAll("secrets") String secret, @ForAll byte[] around) {
        SecretRedaction redaction = new SecretRedaction(List.of(secret));
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[around.length * 2 + secretBytes.length];
        System.arraycopy(around, 0, body, 0, around.length);
        System.arraycopy(secretBytes, 0, body, around.length, secretBytes.length);
        System.arraycopy(around, 0, body, around.length + secretBytes.length, around.length);
        assertThat(redaction.foundIn(body)).isTrue();
        byte[] masked = redaction.redact(body);
        assertThat(redaction.foundIn(masked)).isFalse();
        assertThat(java.util.Arrays.copyOfRange(masked, masked.length - around.length, masked.length))
                .isEqualTo(around);
    }

    @Example
    void shortSecretsAndNoSecretsChangeNothing() {
        SecretRedaction none = new SecretRedaction(java.util.Arrays.asList(null, "sandbox"));
        assertThat(none.isEmpty()).isTrue();
        byte[] body = {1, 2, 3};
        assertThat(none.redact(body)).isSameAs(body);
        assertThat(none.redact("sandbox")).isEqualTo("sandbox");
    }

    @Example
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
