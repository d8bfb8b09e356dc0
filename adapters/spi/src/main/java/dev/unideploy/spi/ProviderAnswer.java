package dev.unideploy.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A whole answer read by a {@link ProviderTransport} other than the JDK client's, as the {@link HttpResponse} adapters
 * read: status, headers (names case-insensitive) and the body decoded by its {@code Content-Type} charset (UTF-8
 * when none or unknown).
 */
public record ProviderAnswer(HttpRequest request, int statusCode, HttpHeaders headers, String body)
        implements HttpResponse<String> {

    /** {@code headers} as received (any case, repeated names as several values); {@code body} the raw bytes. */
    public static ProviderAnswer of(HttpRequest request, int status, Map<String, List<String>> headers, byte[] body) {
        HttpHeaders all = HttpHeaders.of(headers, (name, value) -> true);
        return new ProviderAnswer(request, status, all, new String(body, BoundedBodies.charset(all)));
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
