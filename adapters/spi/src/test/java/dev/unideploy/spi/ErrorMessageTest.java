package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One reading of providers' error bodies, with each provider's fields. */
class ErrorMessageTest {

    @Test
    @DisplayName("a provider's message field, else an excerpt of the body, else the status")
    void messageExcerptOrStatus() {
        ErrorMessage coolify = ErrorMessage.fields("message");

        assertThat(coolify.of("{\"message\":\"Invalid token.\"}", 400)).isEqualTo("Invalid token.");
        assertThat(coolify.of("<html>Bad gateway</html>", 502)).isEqualTo("<html>Bad gateway</html>");
        assertThat(coolify.of("x".repeat(300), 500)).isEqualTo("x".repeat(200) + "…");
        assertThat(coolify.of("", 503)).isEqualTo("HTTP 503");
        assertThat(coolify.of(null, 503)).isEqualTo("HTTP 503");
    }

    @Test
    @DisplayName("parts present are joined by ': ' (Mist's message and its cause)")
    void partsJoined() {
        ErrorMessage mist = ErrorMessage.fields("message", "error");

        assertThat(mist.of("{\"message\":\"failed to get latest commit\",\"error\":\"git fetch failed\"}", 500))
                .isEqualTo("failed to get latest commit: git fetch failed");
        assertThat(mist.of("{\"message\":\" \",\"error\":\"record not found\"}", 404))
                .isEqualTo("record not found");
    }

    @Test
    @DisplayName("alternatives, string arrays and the provider's name (Dooor's NestJS errors)")
    void alternativesAndArrays() {
        ErrorMessage dooor = ErrorMessage.fields().named("Dooor").part("message", "error");

        assertThat(dooor.of("{\"statusCode\":400,\"message\":[\"appId must be a string\",\"x\"]}", 400))
                .isEqualTo("Dooor: appId must be a string; x");
        assertThat(dooor.of("{\"statusCode\":401,\"error\":\"Unauthorized\"}", 401))
                .isEqualTo("Dooor: Unauthorized");
        assertThat(dooor.of("", 500)).isEqualTo("Dooor: HTTP 500");
    }

    @Test
    @DisplayName("an envelope object is looked into (Zectre's {error:{code,message}}), a string error is a message")
    void envelope() {
        ErrorMessage zectre =
                ErrorMessage.fields("code").named("Zectre").inside("error").part("message", "error");

        assertThat(zectre.of("{\"error\":{\"code\":\"INVALID_STATE\",\"message\":\"already succeeded\"}}", 409))
                .isEqualTo("Zectre: INVALID_STATE: already succeeded");
        assertThat(zectre.of("{\"code\":\"NOT_FOUND\",\"error\":\"no such app\"}", 404))
                .isEqualTo("Zectre: NOT_FOUND: no such app");
    }
}
