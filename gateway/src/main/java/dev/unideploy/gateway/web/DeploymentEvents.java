package dev.unideploy.gateway.web;

import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.gateway.deployment.DeploymentWatcher.Snapshot;
import dev.unideploy.gateway.deployment.DeploymentWatcher.Trouble;
import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.deployment.Located;
import dev.unideploy.gateway.problem.Problem;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProblemTranslation;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.LogLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of one deployment as one subscriber sees them: {@code status} on every change, {@code log} lines, a
 * final {@code end}, and {@code error} (a problem document) on provider trouble; after the stream has begun a
 * failure is told as an {@code error} event and the stream ends cleanly. Every event's id is the number of log lines
 * sent so far, so {@code Last-Event-ID} resumes without repeating a line. Heartbeats are the caller's. Thousands of
 * subscribers share the watcher's snapshots, so the JSON of a snapshot's deployment and of each log line is written
 * once and shared (the subscribers compare by identity), not once per subscriber.
 */
@Component
final class DeploymentEvents {

    private final DeploymentWatcher watcher;
    private final ApiMapping mapping;
    private final JsonMapper json;
    private final SecretRedaction redaction;

    /** The deployment JSON of the last snapshot rendered, shared by every subscriber of that snapshot. */
    private final AtomicReference<Rendered<Located<Deployment>>> lastDeployment = new AtomicReference<>();

    /** The JSON of the last log line rendered (subscribers in step ask for the same line one after the other). */
    private final AtomicReference<Rendered<LogLine>> lastLine = new AtomicReference<>();

    private record Rendered<T>(T value, String json) {}

    DeploymentEvents(DeploymentWatcher watcher, ApiMapping mapping, JsonMapper json, SecretRedaction redaction) {
        this.watcher = watcher;
        this.mapping = mapping;
        this.json = json;
        this.redaction = redaction;
    }

    /**
     * The events of {@code id} for one subscriber that already has {@code resumeFrom} log lines; completes after
     * {@code end}, or after an {@code error} once the stream has begun. A failure before the first event (404, 403)
     * is the Flux's error.
     */
    Flux<ServerSentEvent<String>> events(ClientPrincipal client, GlobalId id, int resumeFrom, String instance) {
        return Flux.defer(() -> {
                    Differ differ = new Differ(resumeFrom, instance);
                    return watcher.watch(client, id, true)
                            .concatMapIterable(differ::next)
                            .onErrorResume(error -> differ.started, error -> Flux.just(differ.error(error)));
                })
                .takeUntil(event -> "end".equals(event.event()));
    }

    /** Whether a watch of {@code id} (with logs) is running now, so a new subscriber only joins it. */
    boolean watching(GlobalId id) {
        return watcher.watching(id, true);
    }

    /** The {@code Last-Event-ID} a client sent, as a count of lines it has; anything else counts as none. */
    static int resumeFrom(@Nullable String lastEventId) {
        try {
            return lastEventId == null ? 0 : Math.max(0, Integer.parseInt(lastEventId.trim()));
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    private String deploymentJson(Located<Deployment> deployment) {
        Rendered<Located<Deployment>> last = lastDeployment.get();
        if (last != null && last.value() == deployment) {
            return last.json();
        }
        String rendered = json.writeValueAsString(mapping.toDeployment(deployment, false));
        lastDeployment.set(new Rendered<>(deployment, rendered));
        return rendered;
    }

    private String lineJson(LogLine line) {
        Rendered<LogLine> last = lastLine.get();
        if (last != null && last.value() == line) {
            return last.json();
        }
        String rendered = json.writeValueAsString(ApiMapping.toLogLine(line));
        lastLine.set(new Rendered<>(line, rendered));
        return rendered;
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

        /**
         * The events one snapshot adds: a change of state, then new log lines — except at the end, where the last
         * lines come before the final state, as they happened — then provider trouble, once per kind.
         */
        List<ServerSentEvent<String>> next(Snapshot snapshot) {
            started = true;
            Deployment d = snapshot.deployment().value();
            List<Object> state = Arrays.asList(
                    d.status(),
                    d.lifecycle().phase(),
                    d.progress(),
                    d.lifecycle().providerStatus(),
                    d.live());
            boolean changed = !Objects.equals(state, lastState);
            lastState = state;
            Trouble trouble = snapshot.trouble();
            if (!changed && sent >= snapshot.logs().size() && !snapshot.terminal() && trouble == null) {
                lastTrouble = null;
                return List.of(); // nothing new: most snapshots, for most subscribers
            }
            List<ServerSentEvent<String>> events = new ArrayList<>();
            if (changed && !snapshot.terminal()) {
                events.add(event("status", deploymentJson(snapshot.deployment())));
            }
            for (; sent < snapshot.logs().size(); sent++) {
                events.add(ServerSentEvent.<String>builder()
                        .id(Integer.toString(sent + 1))
                        .event("log")
                        .data(lineJson(snapshot.logs().get(sent)))
                        .build());
            }
            if (snapshot.terminal()) {
                String deploymentJson = deploymentJson(snapshot.deployment());
                if (changed) {
                    events.add(event("status", deploymentJson));
                }
                events.add(event("end", deploymentJson));
            }
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
