package dev.unideploy.spi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Sends an adapter's requests with the JDK client and turns transport failures into {@link ProviderException}s.
 * Lazy, like the port: each subscription sends once. It neither retries nor caches.
 */
public final class ProviderHttp {

    private final HttpClient client;
    private final Function<HttpResponse<String>, String> messageOf;

    /**
     * @param messageOf extracts the provider's own error message from an unsuccessful response (its JSON
     *     {@code message} field, say); it never sees request headers
     */
    public ProviderHttp(HttpClient client, Function<HttpResponse<String>, String> messageOf) {
        this.client = client;
        this.messageOf = messageOf;
    }

    /**
     * The Reactor Context key under which the gateway puts the W3C {@code traceparent} of the request being served:
     * every provider call made for it carries the header.
     */
    public static final String TRACEPARENT = "traceparent";

    /** The response whatever its status; only transport failures become errors. */
    public Mono<HttpResponse<String>> exchange(HttpRequest request) {
        return Mono.deferContextual(context -> {
                    HttpRequest traced = context.<String>getOrEmpty(TRACEPARENT)
                            .map(value -> HttpRequest.newBuilder(
                                            request, (name, v) -> !name.equalsIgnoreCase(TRACEPARENT))
                                    .header(TRACEPARENT, value)
                                    .build())
                            .orElse(request);
                    return Mono.fromFuture(() -> client.sendAsync(traced, HttpResponse.BodyHandlers.ofString()));
                })
                .onErrorMap(error -> !(error instanceof ProviderException), ProviderHttp::toProviderException);
    }

    /** The response of a 2xx status; any other status becomes {@link ProviderException#forStatus}. */
    public Mono<HttpResponse<String>> send(HttpRequest request) {
        return exchange(request)
                .flatMap(response -> successful(response) ? Mono.just(response) : Mono.error(failure(response)));
    }

    /** The generic error for an unsuccessful response. */
    public ProviderException failure(HttpResponse<String> response) {
        return ProviderException.forStatus(
                response.statusCode(),
                response.headers().firstValue("Retry-After").orElse(null),
                messageOf.apply(response));
    }

    public static boolean successful(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    /** A transport failure as the port's error: timeouts as timeouts, everything else as unavailable. */
    public static ProviderException toProviderException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProviderException providerException) {
            return providerException;
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProviderException.Timeout("provider did not answer in time", cause);
        }
        if (cause instanceof ConnectException
                || cause instanceof ClosedChannelException
                || cause instanceof IOException
                || cause instanceof CancellationException) {
            return new ProviderException.Unavailable(
                    "provider unreachable: " + cause.getClass().getSimpleName(), null, null, cause);
        }
        return new ProviderException.BadResponse(
                "provider call failed: " + cause.getClass().getSimpleName(), null, cause);
    }
}
