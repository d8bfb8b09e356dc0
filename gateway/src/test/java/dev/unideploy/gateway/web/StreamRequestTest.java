package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which requests the short road may take: only those the full road would answer the same way. */
class StreamRequestTest {

    private static final ClientPrincipal READER = new ClientPrincipal("reader", Set.of(Scope.READ), Set.of());
    private static final OpenStreams.Readers READERS = key -> key.equals("good-key") ? READER : null;

    private static HttpRequest request(HttpMethod method, String uri, Consumer<HttpRequest> with) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set("Authorization", "Bearer good-key");
        request.headers().set("Accept", "text/event-stream");
        with.accept(request);
        return request;
    }

    @Test
    @DisplayName("a plain stream request of a reader names the client, the deployment, the lines it has and the path")
    void plain() {
        StreamRequest stream = StreamRequest.of(
                request(
                        HttpMethod.GET,
                        "/v1/deployments/coolify:abc-1/events",
                        r -> r.headers().set("Last-Event-ID", "7")),
                READERS);
        assertThat(stream).isNotNull();
        assertThat(stream.client()).isSameAs(READER);
        assertThat(stream.id().toString()).isEqualTo("coolify:abc-1");
        assertThat(stream.resumeFrom()).isEqualTo(7);
        assertThat(stream.path()).isEqualTo("/v1/deployments/coolify:abc-1/events");
        assertThat(StreamRequest.of(
                        request(
                                HttpMethod.GET,
                                "/v1/deployments/coolify:abc/events",
                                r -> r.headers().remove("Accept")),
                        READERS))
                .as("no Accept is */*")
                .isNotNull();
    }

    static Stream<Arguments> fullRoad() {
        String plain = "/v1/deployments/coolify:abc/events";
        return Stream.of(
                Arguments.of("a query (a stream ticket)", HttpMethod.GET, plain + "?ticket=t", none()),
                Arguments.of("a percent-encoded id", HttpMethod.GET, "/v1/deployments/coolify:%61bc/events", none()),
                Arguments.of("another path", HttpMethod.GET, "/v1/deployments/coolify:abc", none()),
                Arguments.of("HEAD", HttpMethod.HEAD, plain, none()),
                Arguments.of("a cookie (a browser session)", HttpMethod.GET, plain, header("Cookie", "s=1")),
                Arguments.of("an Origin (CORS)", HttpMethod.GET, plain, header("Origin", "https://x.example")),
                Arguments.of("a body", HttpMethod.GET, plain, header("Content-Length", "2")),
                Arguments.of("Connection: close", HttpMethod.GET, plain, header("Connection", "close")),
                Arguments.of("JSON only", HttpMethod.GET, plain, header("Accept", "application/json")),
                Arguments.of("a key that is no reader's", HttpMethod.GET, plain, header("Authorization", "Bearer x")),
                Arguments.of("no key", HttpMethod.GET, plain, (Consumer<HttpRequest>)
                        r -> r.headers().remove("Authorization")),
                Arguments.of("two keys", HttpMethod.GET, plain, (Consumer<HttpRequest>)
                        r -> r.headers().add("Authorization", "Bearer good-key")));
    }

    private static Consumer<HttpRequest> none() {
        return r -> {};
    }

    private static Consumer<HttpRequest> header(String name, String value) {
        return r -> r.headers().set(name, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullRoad")
    @DisplayName("everything else is left to the full road")
    void leftToTheFullRoad(String why, HttpMethod method, String uri, Consumer<HttpRequest> with) {
        assertThat(StreamRequest.of(request(method, uri, with), READERS)).isNull();
    }
}
