package dev.unideploy.adapter.zectre;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.ProviderHttp;
import dev.unideploy.spi.ResponseLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Zectre's native SSE log stream as deployment events. The stream carries log entries only, so the
 * deployment is read when the stream opens, every {@code pollInterval} while it runs, and when it closes; a
 * status event goes out on every change. The events complete once the deployment is terminal.
 */
final class ZectreEventStream {

    /** After a poll finds the deployment terminal, how long the log stream may still deliver its last lines. */
    static final Duration END_GRACE = Duration.ofSeconds(1);

    private final ZectreClient client;
    private final Function<String, Mono<Deployment>> getDeployment;
    private final Duration pollInterval;

    ZectreEventStream(ZectreClient client, Function<String, Mono<Deployment>> getDeployment, Duration pollInterval) {
        this.client = client;
        this.getDeployment = getDeployment;
        this.pollInterval = pollInterval;
    }

    Flux<DeploymentEvent> events(String deploymentId) {
        return getDeployment.apply(deploymentId).flatMapMany(first -> {
            DeploymentEvent opening = new DeploymentEvent.StatusChanged(first);
            if (first.terminal()) {
                // Finished already: its stored log, then done (no stream to hold open).
                return Flux.just(opening)
                        .concatWith(client.logs(deploymentId)
                                .flatMapIterable(ZectreAdapter::toLogLines)
                                .map(DeploymentEvent.Log::new));
            }
            Changes changes = new Changes(first);
            Flux<DeploymentEvent> logs = logLines(deploymentId)
                    .<DeploymentEvent>map(DeploymentEvent.Log::new)
                    .concatWith(Mono.defer(() -> getDeployment.apply(deploymentId))
                            .filter(closing -> changes.record(closing) || closing.terminal())
                            .map(DeploymentEvent.StatusChanged::new));
            Flux<DeploymentEvent> statuses = Flux.interval(pollInterval)
                    .onBackpressureDrop() // a slow provider skips ticks instead of overflowing
                    .concatMap(tick -> getDeployment.apply(deploymentId).onErrorResume(pollFailed -> Mono.empty()))
                    .filter(changes::record)
                    .concatMap(now -> now.terminal() ? Mono.just(now).delayElement(END_GRACE) : Mono.just(now))
                    .map(DeploymentEvent.StatusChanged::new);
            return Flux.just(opening)
                    .concatWith(Flux.merge(logs, statuses)
                            .takeUntil(event -> event instanceof DeploymentEvent.StatusChanged changed
                                    && changed.deployment().terminal()));
        });
    }

    /** The SSE stream's log entries; closing the subscription closes the connection. */
    Flux<LogLine> logLines(String deploymentId) {
        return client.logStream(deploymentId)
                .flatMapMany(lines -> Flux.defer(() -> {
                            SseParser parser = new SseParser(client.limits().maxLineBytes());
                            return Flux.using(() -> lines, Flux::fromStream, Stream::close)
                                    .concatMapIterable(parser::accept)
                                    .concatWith(Flux.defer(() -> Flux.fromIterable(parser.accept(""))))
                                    .onErrorMap(
                                            error -> !(error instanceof ProviderException),
                                            ProviderHttp::toProviderException);
                        })
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    /** The last deployment state sent, to send status events on change only. */
    private static final class Changes {
        private @Nullable Deployment last;

        Changes(Deployment first) {
            this.last = first;
        }

        synchronized boolean record(Deployment now) {
            if (last != null
                    && Objects.equals(last.lifecycle(), now.lifecycle())
                    && Objects.equals(last.progress(), now.progress())
                    && Objects.equals(last.live(), now.live())) {
                return false;
            }
            last = now;
            return true;
        }
    }

    /**
     * Server-Sent Events, line by line: {@code data:} lines of the default {@code message} event are JSON log
     * entries; comments (heartbeats) and other event types are skipped.
     */
    static final class SseParser {
        private final StringBuilder data = new StringBuilder();
        private final int maxEvent;
        private @Nullable String event;

        SseParser() {
            this(ResponseLimits.DEFAULTS.maxLineBytes());
        }

        /** @param maxEvent the most data one event may carry: a provider never ending an event fails the stream */
        SseParser(int maxEvent) {
            this.maxEvent = maxEvent;
        }

        List<LogLine> accept(String line) {
            if (line.isEmpty()) {
                return dispatch();
            }
            if (line.startsWith(":")) {
                return List.of();
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                if (data.length() + value.length() >= maxEvent) {
                    throw ResponseLimits.tooLarge(maxEvent, null);
                }
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value);
            } else if (field.equals("event")) {
                event = value;
            }
            return List.of();
        }

        private List<LogLine> dispatch() {
            List<LogLine> out = new ArrayList<>(1);
            if (data.length() > 0 && (event == null || event.isEmpty() || event.equals("message"))) {
                String payload = data.toString();
                LogLine line;
                try {
                    line = ZectreDeploymentMapping.toLogLine(ZectreJson.JSON.parse(payload));
                } catch (RuntimeException notJson) {
                    line = LogLine.of(payload);
                }
                out.add(line);
            }
            data.setLength(0);
            event = null;
            return out;
        }
    }
}
