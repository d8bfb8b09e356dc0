package dev.unideploy.gateway.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Sends one attempt of a delivery, signed to the Standard Webhooks specification ({@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}, by the reference
 * library), without following redirects, within the time limit. Never fails: the outcome is the {@link
 * Delivery.Attempt}.
 */
final class Sender {

    private static final int MAX_ERROR = 200;

    private final WebClient client;
    private final UrlGuard guard;
    private final Duration timeout;
    private final Clock clock;

    Sender(UrlGuard guard, Duration timeout, Clock clock) {
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
        HttpClient http = HttpClient.create()
                .followRedirect(false)
                .responseTimeout(timeout)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 10_000));
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    Mono<Delivery.Attempt> send(Subscription subscription, Delivery delivery) {
        Instant at = clock.instant();
        URI url = URI.create(subscription.url());
        Mono<String> refusal = subscription.configured()
                ? Mono.empty()
                : Mono.fromCallable(() -> guard.refusal(url.getHost())).subscribeOn(Schedulers.boundedElastic());
        return refusal.map(why -> new Delivery.Attempt(at, null, 0, why))
                .switchIfEmpty(Mono.defer(() -> post(subscription, delivery, url, at)));
    }

    private Mono<Delivery.Attempt> post(Subscription subscription, Delivery delivery, URI url, Instant at) {
        long timestamp = at.getEpochSecond();
        String signature;
        try {
            signature = new Webhook(subscription.secret()).sign(delivery.eventId(), timestamp, delivery.payload());
        } catch (WebhookSigningException | EmptyWebhookSecretException | RuntimeException unsignable) {
            return Mono.just(new Delivery.Attempt(at, null, 0, "could not sign: the subscription's secret is invalid"));
        }
        long started = System.nanoTime();
        return client.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .header("User-Agent", "Unideploy-Webhooks/1")
                .bodyValue(delivery.payload())
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> {
                            int status = response.statusCode().value();
                            String error = status >= 200 && status < 300 ? null : "HTTP " + status + trimmed(body);
                            return new Delivery.Attempt(at, status, millisSince(started), error);
                        }))
                .timeout(timeout.plusSeconds(1))
                .onErrorResume(
                        failed -> Mono.just(new Delivery.Attempt(at, null, millisSince(started), describe(failed))));
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String trimmed(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        if (line.isEmpty()) return "";
        return ": " + (line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "…" : line);
    }

    private static String describe(Throwable failed) {
        String name = failed.getClass().getSimpleName();
        return name.contains("Timeout") ? "timed out" : "could not connect or send (" + name + ")";
    }
}
