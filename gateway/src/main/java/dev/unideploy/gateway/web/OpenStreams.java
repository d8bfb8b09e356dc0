package dev.unideploy.gateway.web;

import dev.unideploy.gateway.security.ClientPrincipal;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * What every {@link LiveStreams} handler shares: the events, who may read them, the streams served now and one
 * heartbeat for all of them (a comment to each open stream every {@code heartbeat}, instead of a timer per stream).
 */
final class OpenStreams implements AutoCloseable {

    /** Who may take the short road: the client of an API key with read scope and no rate limit, else null. */
    interface Readers extends Function<String, @Nullable ClientPrincipal> {}

    /** A stream served now; told to write a heartbeat. */
    interface Stream {
        void heartbeat();
    }

    final DeploymentEvents events;
    final Readers readers;
    final SseFrames frames = new SseFrames();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final Disposable heartbeats;

    OpenStreams(DeploymentEvents events, Readers readers, Duration heartbeat, MeterRegistry meters) {
        this.events = events;
        this.readers = readers;
        this.heartbeats = Flux.interval(heartbeat, heartbeat)
                .onBackpressureDrop()
                .subscribe(tick -> open.forEach(Stream::heartbeat));
        Gauge.builder("unideploy.events.streams.joined", open, Set::size)
                .description("Event streams served right after the HTTP codec, joined to a running watch")
                .register(meters);
    }

    void add(Stream stream) {
        open.add(stream);
    }

    void remove(Stream stream) {
        open.remove(stream);
    }

    int size() {
        return open.size();
    }

    @Override
    public void close() {
        heartbeats.dispose();
    }
}
