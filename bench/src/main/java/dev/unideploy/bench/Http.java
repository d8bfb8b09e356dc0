package dev.unideploy.bench;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Blocking JSON calls for setup and bookkeeping (never for the measured load). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;

    Http(String bearer) {
        this.client = HttpClient.create()
                .headers(headers ->
                        headers.set("Authorization", "Bearer " + bearer).set("Content-Type", "application/json"))
                // the harness's own calls include counting a simulator's journal after 10,000 clients polled it
                // (tens of thousands of entries), which takes WireMock longer than a normal request
                .responseTimeout(Duration.ofMinutes(3));
    }

    /** The status code of a GET, or -1 when nothing answered. */
    int status(String url) {
        return client.get()
                .uri(url)
                .responseSingle((response, body) ->
                        body.then(Mono.just(response.status().code())))
                .onErrorReturn(-1)
                .block(Duration.ofMinutes(4));
    }

    /** A header of the answer to a GET, which must be 200. */
    Optional<String> header(String url, String name) {
        return client.get()
                .uri(url)
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> {
                            if (response.status().code() != 200) {
                                throw new IllegalStateException(
                                        "GET " + url + " answered " + response.status() + ": " + text);
                            }
                            return Optional.ofNullable(
                                    response.responseHeaders().get(name));
                        }))
                .block(Duration.ofMinutes(4));
    }

    JsonNode get(String url) {
        return call("GET", url, null);
    }

    JsonNode post(String url, String body) {
        return call("POST", url, body);
    }

    JsonNode delete(String url) {
        return call("DELETE", url, null);
    }

    private JsonNode call(String method, String url, String body) {
        HttpClient.RequestSender sender = client.request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(url);
        HttpClient.ResponseReceiver<?> receiver = body == null
                ? sender
                : sender.send(Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))));
        String text = receiver.responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .map(string -> {
                            if (response.status().code() >= 300) {
                                throw new IllegalStateException(
                                        method + " " + url + " answered " + response.status() + ": " + string);
                            }
                            return string;
                        }))
                .block(Duration.ofMinutes(4));
        return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
    }
}
