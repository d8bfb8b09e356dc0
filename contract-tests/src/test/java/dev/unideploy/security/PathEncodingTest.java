package dev.unideploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The path-encoding corpus, run against every route class (deployments, apps, providers, the passthrough, actuator,
 * the spec): a path that could mean two things — {@code ;} parameters, encoded slashes and backslashes, dot segments
 * in any encoding, double encoding, empty segments, NUL — is 400 naming {@code path} and reaches no provider; a path
 * that only spells the same route differently gets exactly the answer of the plain path, so no encoding reaches a
 * route, provider or scope its key may not.
 */
class PathEncodingTest extends HostileGatewayTest {

    /** One route of each class, as the plain path a client would use. */
    static final List<String> ROUTES = List.of(
            "/v1/deployments/good:d1",
            "/v1/deployments/good:d1/logs",
            "/v1/apps",
            "/v1/providers/good",
            "/v1/providers/good/passthrough/applications",
            "/actuator/health",
            "/actuator/prometheus",
            "/v1/openapi.yaml");

    /** Ways to make a path ambiguous, applied at the slash before segment {@code i}. */
    static List<String> attacks(String path) {
        List<String> attacks = new ArrayList<>();
        List<Integer> slashes = new ArrayList<>();
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                slashes.add(i);
            }
        }
        for (int at : slashes) {
            String head = path.substring(0, at);
            String tail = path.substring(at);
            String segment = head.substring(head.lastIndexOf('/'));
            for (String inserted :
                    List.of("/..", "/..;", "/%2e%2e", "/.%2e", "/%2E%2E", "/%252e%252e", "/.", "/%2e", "/", "/x/..")) {
                attacks.add(head + inserted + segment + tail);
            }
            attacks.add(head + ";x=1" + tail);
            attacks.add(head + "%3bx=1" + tail);
            attacks.add(head + "%2f" + tail.substring(1));
            attacks.add(head + "%2F" + tail.substring(1));
            attacks.add(head + "%5c" + tail.substring(1));
            attacks.add(head + "%255c" + tail.substring(1));
            attacks.add(head + "%00" + tail);
            attacks.add(head + "/..%2f" + tail.substring(1));
        }
        return attacks;
    }

    private long providerRequests() {
        return Stream.concat(Stream.of("good"), HOSTILE.stream())
                .mapToLong(provider::received)
                .sum();
    }

    @TestFactory
    @DisplayName("every ambiguous spelling of every route class is 400 naming 'path', and reaches no provider")
    Stream<DynamicTest> ambiguousPathsAreRefused() {
        return ROUTES.stream()
                .flatMap(route -> attacks(route).stream())
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    long before = providerRequests();
                    for (String key : List.of(ADMIN_KEY, READER_KEY)) {
                        as(key).get()
                                .uri(URI.create("http://127.0.0.1:" + port + path))
                                .exchange()
                                .expectStatus()
                                .isBadRequest()
                                .expectBody()
                                .jsonPath("$.code")
                                .isEqualTo("invalid_request")
                                .jsonPath("$.errors[0].field")
                                .isEqualTo("path");
                    }
                    assertThat(providerRequests()).isEqualTo(before);
                }));
    }

    private static final String HEALTH = "/actuator/health";

    /** Who may do what, by the plain path: the answer any other spelling must get too. */
    record Case(String key, HttpMethod method, String path, int status) {}

    static final List<Case> CASES = List.of(
            new Case(READER_KEY, HttpMethod.GET, "/actuator/prometheus", 403),
            new Case("", HttpMethod.GET, "/actuator/prometheus", 401),
            new Case("", HttpMethod.GET, HEALTH, 200),
            new Case(READER_KEY, HttpMethod.GET, "/v1/providers/good/passthrough/applications", 403),
            new Case(ADMIN_GOOD_KEY, HttpMethod.GET, "/v1/providers/echo/passthrough/applications", 403),
            new Case(WRITER_GOOD_KEY, HttpMethod.POST, "/v1/providers/echo/passthrough/applications", 403),
            new Case(WRITER_GOOD_KEY, HttpMethod.GET, "/v1/providers/echo", 403),
            new Case(READER_KEY, HttpMethod.DELETE, "/v1/deployments/good:d1", 403),
            new Case(READER_KEY, HttpMethod.GET, "/v1/deployments/good:d1", 200),
            new Case(ADMIN_GOOD_KEY, HttpMethod.GET, "/v1/providers/good/passthrough/applications", 200));

    /** {@code path} with each character percent-encoded or not at random, hex in either case; slashes kept. */
    static String respelled(String path, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c != '/' && random.nextInt(3) == 0) {
                String hex = HexFormat.of().toHexDigits((byte) c);
                out.append('%').append(random.nextBoolean() ? hex : hex.toUpperCase());
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @TestFactory
    @DisplayName("a respelled path (any characters percent-encoded) gets exactly the plain path's answer")
    Stream<DynamicTest> respelledPathsAreAuthorizedAsThePlainPath() {
        Random random = new Random(15);
        return CASES.stream()
                .flatMap(c -> Stream.concat(
                                Stream.of(c.path()),
                                Stream.generate(() -> respelled(c.path(), random))
                                        .limit(12))
                        .distinct()
                        .map(path -> DynamicTest.dynamicTest(c.method() + " " + path + " as " + name(c.key()), () -> {
                            long echoBefore = provider.received("echo");
                            WebTestClient client = c.key().isEmpty() ? anonymous() : as(c.key());
                            client.method(c.method())
                                    .uri(URI.create("http://127.0.0.1:" + port + path))
                                    .exchange()
                                    .expectStatus()
                                    .isEqualTo(c.status());
                            if (!c.path().equals(HEALTH)) {
                                // health probes every connection's app list by design (at most once per 15 s,
                                // whoever asks), which is the passthrough's path on a Coolify-typed connection
                                assertThat(provider.received("echo")).isEqualTo(echoBefore);
                            }
                        })));
    }

    private static String name(String key) {
        return key.isEmpty() ? "anonymous" : key.substring(0, key.indexOf("-key"));
    }
}
