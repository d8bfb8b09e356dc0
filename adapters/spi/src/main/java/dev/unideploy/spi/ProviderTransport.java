package dev.unideploy.spi;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import reactor.core.publisher.Mono;

/**
 * How a connection's requests reach its provider. {@link ProviderHttp} sends every adapter request through its
 * connection's transport; the gateway supplies one that runs on its own event loops, tests and tools may use {@link
 * #jdk}. A transport reads a body only up to the {@link ResponseLimits} it is given (over them:
 * {@link ResponseLimits#tooLarge}), does not retry or cache, and reports transport failures as errors — a {@link
 * ProviderException} where it knows better than {@link ProviderHttp#toProviderException} what happened.
 */
@FunctionalInterface
public interface ProviderTransport {

    /** The response whatever its status, its body read whole (within {@code limits}); lazy, sent per subscription. */
    Mono<HttpResponse<String>> send(HttpRequest request, ResponseLimits limits);

    /**
     * The JDK client's transport. Its answers complete on the client's executor and then on the common pool, so the
     * work after them runs on other threads than the caller's.
     */
    static ProviderTransport jdk(HttpClient client) {
        return (request, limits) -> Mono.fromFuture(() -> client.sendAsync(request, BoundedBodies.string(limits)));
    }
}
