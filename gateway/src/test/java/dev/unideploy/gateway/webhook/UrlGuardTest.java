package dev.unideploy.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.gateway.problem.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: subscription URLs on the gateway's own networks are refused unless configuration allows them. */
class UrlGuardTest {

    private final UrlGuard guard = new UrlGuard(false);
    private final UrlGuard permissive = new UrlGuard(true);

    @ParameterizedTest
    @DisplayName("loopback, private, link-local, unique-local, shared and unspecified addresses are refused")
    @ValueSource(
            strings = {
                "http://127.0.0.1/hook",
                "http://127.1.2.3:8080/hook",
                "http://localhost/hook",
                "http://api.localhost/hook",
                "http://[::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://10.0.0.5/hook",
                "http://172.16.0.1/hook",
                "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::1]/hook",
                "http://[fd00::1]/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0/hook",
                "http://[::]/hook"
            })
    void privateAddressesAreRefused(String url) {
        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("url:");
        assertThat(permissive.check(url)).hasToString(url);
    }

    @ParameterizedTest
    @DisplayName("other schemes, user info and fragments are refused whatever the configuration")
    @ValueSource(
            strings = {
                "ftp://hooks.example.com/x",
                "file:///etc/passwd",
                "https://user:pass@hooks.example.com/x",
                "https://hooks.example.com/x#frag",
                "not a url",
                "https:///nohost"
            })
    void malformedIsRefused(String url) {
        assertThatThrownBy(() -> permissive.check(url)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @DisplayName("public addresses and host names pass when written (names are checked again before each attempt)")
    @ValueSource(
            strings = {
                "https://hooks.example.com/unideploy",
                "http://93.184.215.14:8443/x",
                "https://[2606:4700::1111]/"
            })
    void publicAddressesPass(String url) {
        assertThat(guard.check(url)).hasToString(url);
    }

    @ParameterizedTest
    @DisplayName("before an attempt, a name that resolves to a refused address is refused")
    @ValueSource(strings = {"localhost", "127.0.0.1", "10.1.2.3"})
    void resolvedNamesAreCheckedBeforeSending(String host) {
        assertThat(guard.refusal(host)).startsWith("refused: ");
        assertThat(permissive.refusal(host)).isNull();
    }
}
