package dev.unideploy.bench;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A closed-loop load generator: {@code users} connections each send the next GET as soon as the last one answered,
 * for a warm-up (discarded) and then a measured period. Latency is recorded in microseconds in an HdrHistogram.
 */
final class Load implements AutoCloseable {

    private static final long MAX_LATENCY_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

    /** Requests a warm-up should see answered: enough for the JIT to compile the gateway's hot path. */
    static final long WARM_UP_REQUESTS = 5000;

    /** The longest a warm-up may last, however few requests were answered. */
    static final Duration WARM_UP_CAP = Duration.ofSeconds(10);

    private final ConnectionProvider pool;
    private final HttpClient client;

    Load(String name, int maxConnections, Consumer<HttpHeaders> headers) {
        this.pool = ConnectionProvider.builder(name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(1))
                .build();
        this.client = HttpClient.create(pool).headers(headers).responseTimeout(Duration.ofSeconds(30));
    }

    HttpClient client() {
        return client;
    }

    /**
     * Warms up, runs {@code afterWarmUp} (e.g. resets the simulators' journals), then measures {@code users}
     * closed-loop GET loops on {@code url} for {@code measure}.
     */
    Sample run(String url, int users, Duration warmUp, Duration measure, Runnable afterWarmUp) {
        if (!warmUp.isZero()) {
            warm(url, users, warmUp);
        }
        afterWarmUp.run();
        return drive(url, users, measure);
    }

    /**
     * Warms up for {@code minimum}, then on until {@link #WARM_UP_REQUESTS} requests were answered (so that the JIT
     * has compiled the hot path even on a slow or busy machine), but never longer than {@link #WARM_UP_CAP}.
     */
    private void warm(String url, int users, Duration minimum) {
        long answered = drive(url, users, minimum).ok();
        long cap = System.nanoTime() + WARM_UP_CAP.minus(minimum).toNanos();
        while (answered < WARM_UP_REQUESTS && System.nanoTime() < cap) {
            answered += drive(url, users, Duration.ofSeconds(1)).ok();
        }
    }

    /** {@code users} clients each sending one GET every {@code interval} (an open loop), for {@code period}. */
    Sample paced(String url, int users, Duration interval, Duration period) {
        Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long ticks = period.toMillis() / interval.toMillis();
        Flux.range(0, users)
                .flatMap(
                        user -> Flux.interval(Duration.ofMillis(user * interval.toMillis() / users), interval)
                                .take(ticks)
                                .onBackpressureDrop()
                                .concatMap(tick -> once(url, latencies, ok, errors)),
                        users)
                .blockLast(period.plusMinutes(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(ok.get(), errors.get(), seconds, latencies);
    }

    private Sample drive(String url, int users, Duration period) {
        Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + period.toNanos();
        Flux.range(0, users)
                .flatMap(
                        user -> Mono.defer(() -> once(url, latencies, ok, errors))
                                .repeat(() -> System.nanoTime() < deadline),
                        users)
                .blockLast(period.plusMinutes(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(ok.get(), errors.get(), seconds, latencies);
    }

    private Mono<Integer> once(String url, Histogram latencies, AtomicLong ok, AtomicLong errors) {
        long sent = System.nanoTime();
        return client.get()
                .uri(url)
                .responseSingle((response, body) -> body.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> response.status().code()))
                .doOnNext(status -> {
                    if (status >= 200 && status < 300) {
                        latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - sent) / 1000));
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                })
                .onErrorResume(error -> {
                    errors.incrementAndGet();
                    return Mono.empty();
                });
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
