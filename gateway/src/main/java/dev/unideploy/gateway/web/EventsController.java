package dev.unideploy.gateway.web;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.gateway.deployment.DeploymentWatcher.Snapshot;
import dev.unideploy.gateway.deployment.DeploymentWatcher.Trouble;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProblemTranslation;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live events of a deployment as Server-Sent Events: {@code status} on every change, {@code log} lines, a final
 * {@code end}, heartbeat comments — and {@code error} (a problem document, the {@code code} a GET would give) when
 * the provider fails while the stream keeps trying; a stream whose provider stays gone past the outage limit, or
 * fails for good, ends after its {@code error}. Every event's id is the number of log lines sent so far, so {@code
 * Last-Event-ID} resumes without repeating a line. Hand-routed: the generated interface cannot express a stream.
 */
@RestController
class EventsController {

    private final DeploymentWatcher watcher;
    private final ApiMapping mapping;
    private final JsonMapper json;
    private final SecretRedaction redaction;
    private final Duration heartbeat;

    EventsController(
            DeploymentWatcher watcher,
            ApiMapping mapping,
            JsonMapper json,
            SecretRedaction redaction,
            UnideployProperties properties) {
        this.watcher = watcher;
        this.mapping = mapping;
        this.json = json;
        this.redaction = redaction;
        this.heartbeat = properties.events().heartbeat();
    }

    @GetMapping(path = "/v1/deployments/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            ServerWebExchange exchange) {
        ClientPrincipal client = ClientPrincipal.of(exchange);
        GlobalId deployment = GlobalId.parse("id", id);
        String instance = exchange.getRequest().getPath().value();
        Sinks.One<Boolean> over = Sinks.one();
        Flux<ServerSentEvent<String>> events = Flux.defer(() -> {
                    Differ differ = new Differ(resumeFrom(lastEventId), instance);
                    return watcher.watch(client, deployment, true)
                            .concatMapIterable(differ::next)
                            // once the stream has begun, a failure is told as an event and the stream ends cleanly
                            .onErrorResume(error -> differ.started(), error -> Flux.just(differ.error(error)));
                })
                .doFinally(signal -> over.tryEmitValue(true));
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick ->
                        ServerSentEvent.<String>builder().comment("heartbeat").build())
                .takeUntilOther(over.asMono());
        return Flux.merge(events, heartbeats).takeUntil(event -> "end".equals(event.event()));
    }

    private static int resumeFrom(@Nullable String lastEventId) {
        try {
            return lastEventId == null ? 0 : Math.max(0, Integer.parseInt(lastEventId.trim()));
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    /** One subscriber's view: which log lines it has, and the last state and trouble it was told. */
    private final class Differ {
        private final String instance;
        private int sent;
        private boolean started;
        private @Nullable List<Object> lastState;
        private @Nullable ProblemCode lastTrouble;

        Differ(int sent, String instance) {
            this.sent = sent;
            this.instance = instance;
        }

        boolean started() {
            return started;
        }

        /**
         * The events one snapshot adds: a change of state, then new log lines — except at the end, where the last
         * lines come before the final state, as they happened — then provider trouble, once per kind.
         */
        List<ServerSentEvent<String>> next(Snapshot snapshot) {
            started = true;
            List<ServerSentEvent<String>> events = new ArrayList<>();
            Deployment d = snapshot.deployment().value();
            List<Object> state = Arrays.asList(
                    d.status(),
                    d.lifecycle().phase(),
                    d.progress(),
                    d.lifecycle().providerStatus(),
                    d.live());
            boolean changed = !Objects.equals(state, lastState);
            lastState = state;
            String deploymentJson = json.writeValueAsString(mapping.toDeployment(snapshot.deployment(), false));
            if (changed && !snapshot.terminal()) {
                events.add(event("status", deploymentJson));
            }
            for (; sent < snapshot.logs().size(); sent++) {
                String line = json.writeValueAsString(
                        ApiMapping.toLogLine(snapshot.logs().get(sent)));
                events.add(ServerSentEvent.<String>builder()
                        .id(Integer.toString(sent + 1))
                        .event("log")
                        .data(line)
                        .build());
            }
            if (snapshot.terminal()) {
                if (changed) {
                    events.add(event("status", deploymentJson));
                }
                events.add(event("end", deploymentJson));
            }
            Trouble trouble = snapshot.trouble();
            if (trouble == null) {
                lastTrouble = null;
            } else if (problemOf(trouble.error()).code() != lastTrouble) {
                events.add(error(trouble.error()));
            }
            return events;
        }

        /** An {@code error} event: the problem document of {@code failure}, as a GET would answer it. */
        ServerSentEvent<String> error(Throwable failure) {
            Problem problem = problemOf(failure);
            lastTrouble = problem.code();
            // the detail may carry a provider's own message, which may echo a credential it refused
            return event("error", redaction.redact(json.writeValueAsString(problem.body(instance, null))));
        }

        private ServerSentEvent<String> event(String name, String data) {
            return ServerSentEvent.<String>builder()
                    .id(Integer.toString(sent))
                    .event(name)
                    .data(data)
                    .build();
        }
    }

    private static Problem problemOf(Throwable failure) {
        Problem problem = ProblemTranslation.toProblem(failure);
        return problem != null ? problem : Problem.of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred.");
    }
}
