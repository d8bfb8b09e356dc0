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
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * Sends an adapter's requests through its connection's {@link ProviderTransport} and turns transport failures into
 * {@link ProviderException}s.
 * Lazy, like the port: each subscription sends once. It neither retries nor caches. Bodies are read up to the
 * connection's {@link ResponseLimits} only: a larger one fails as {@code response too large} (a bad response).
 */
public final class ProviderHttp {

    private final ProviderTransport transport;
    private final Function<HttpResponse<String>, String> messageOf;
    private final ResponseLimits limits;

    /**
     * With the {@linkplain ResponseLimits#DEFAULTS default limits}; prefer {@link #ProviderHttp(ProviderConnection,
     * Function)}, which honours the connection's own.
     *
     * @param messageOf extracts the provider's own error message from an unsuccessful response (its JSON
     *     {@code message} field, say); it never sees request headers
     */
    public ProviderHttp(HttpClient client, Function<HttpResponse<String>, String> messageOf) {
        this(ProviderTransport.jdk(client), messageOf, ResponseLimits.DEFAULTS);
    }

    /** The connection's transport and response limits. */
    public ProviderHttp(ProviderConnection connection, Function<HttpResponse<String>, String> messageOf) {
        this(connection.transport(), messageOf, connection.limits());
    }

    private ProviderHttp(
            ProviderTransport transport, Function<HttpResponse<String>, String> messageOf, ResponseLimits limits) {
        this.transport = transport;
        this.messageOf = messageOf;
        this.limits = limits;
    }

    /** A body handler for a whole body of at most {@code limits.maxBodyBytes()}. */
    public static HttpResponse.BodyHandler<String> boundedString(ResponseLimits limits) {
        return BoundedBodies.string(limits);
    }

    /**
     * A body handler for a stream read line by line (Server-Sent Events, say), each line at most {@code
     * limits.maxLineBytes()} characters; the stream itself may run forever. Lines end at LF, CR or CRLF.
     */
    public static HttpResponse.BodyHandler<Stream<String>> boundedLines(ResponseLimits limits) {
        return BoundedBodies.lines(limits);
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
                    return transport.send(traced, limits);
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

    /**
     * A transport failure as the port's error: timeouts as timeouts, everything else as unavailable. Messages
     * describe what happened in words; they never name an internal class (they reach clients in problems).
     */
    public static ProviderException toProviderException(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ProviderException providerException) {
            return providerException;
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProviderException.Timeout("provider did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new ProviderException.Unavailable("provider unreachable: connection refused", null, null, cause);
        }
        if (cause instanceof ClosedChannelException || cause instanceof IOException) {
            return new ProviderException.Unavailable("provider unreachable: the connection failed", null, null, cause);
        }
        if (cause instanceof CancellationException) {
            return new ProviderException.Unavailable("provider call cancelled", null, null, cause);
        }
        return new ProviderException.BadResponse("provider call failed", null, cause);
    }

    /** The failure inside the JDK's wrappers ({@code CompletionException}, an {@code IOException} around ours). */
    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; depth < 4 && cause.getCause() != null; depth++) {
            if (cause.getCause() instanceof ProviderException found) {
                return found;
            }
            if (!(cause instanceof CompletionException)) {
                break;
            }
            cause = cause.getCause();
        }
        return cause;
    }
}
