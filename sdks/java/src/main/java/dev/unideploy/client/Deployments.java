package dev.unideploy.client;

import dev.unideploy.client.api.DeploymentsApi;
import dev.unideploy.client.api.EventsApi;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployments API as an application uses it, over the generated {@link DeploymentsApi}: writes carry an
 * {@code Idempotency-Key} (a new one per call unless given) and are retried with it when their outcome is unknown
 * (504, a timeout or a reset connection, a 409 while the first try is still in flight), so a retry never deploys
 * twice; {@link #follow} turns the event stream into typed {@link DeploymentEvent}s that survive dropped connections;
 * {@link #waitForTerminal} waits on the stream and falls back to long-polling {@code waitFor=terminal}. Every error is
 * a {@link ProblemException}. Thread-safe; calls are lazy, as Reactor's are.
 *
 * <pre>{@code
 * Deployments deployments = new Deployments(new ApiClient().setBasePath("http://localhost:8080"));
 * Deployment started = deployments.trigger(new TriggerDeploymentRequest().appId("coolify:cool-web")).block();
 * deployments.follow(started.getId()).doOnNext(System.out::println).blockLast();
 * }</pre>
 */
public final class Deployments {

    /** A poll of the fallback waits on the gateway at most this long (the API's bound is 300 s). */
    private static final int POLL_SECONDS = 60;

    private final DeploymentsApi api;
    private final EventsApi events;
    private final JsonMapper json;
    private final Duration backoff;
    private final int writeRetries;

    public Deployments(ApiClient client) {
        this(client, Duration.ofSeconds(1), 3);
    }

    /**
     * @param backoff the first pause before a retry or a reconnection (doubling, at most 30 s)
     * @param writeRetries retries of a write whose outcome is unknown, with the same key
     */
    public Deployments(ApiClient client, Duration backoff, int writeRetries) {
        this.api = new DeploymentsApi(client);
        this.events = new EventsApi(client);
        this.json = client.getJsonMapper();
        this.backoff = backoff;
        this.writeRetries = writeRetries;
    }

    /** A new idempotency key: one per logical write, reused by its retries. */
    public static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** Triggers a deployment with a new idempotency key; its retries reuse the key, so it deploys at most once. */
    public Mono<Deployment> trigger(TriggerDeploymentRequest request) {
        return trigger(request, newIdempotencyKey());
    }

    /** Triggers a deployment with {@code idempotencyKey}: the same key and request never deploy twice. */
    public Mono<Deployment> trigger(TriggerDeploymentRequest request, String idempotencyKey) {
        return write(Mono.defer(() -> api.triggerDeployment(request, idempotencyKey)));
    }

    /** Cancels a deployment; one that is already cancelled answers as it is (a second cancel is not an error). */
    public Mono<Deployment> cancel(String id) {
        String key = newIdempotencyKey();
        // A 409 here is the deployment's state (finished), not a key in flight: read it instead of retrying.
        return write(
                        Mono.defer(() -> api.cancelDeployment(id, key)),
                        failure -> AmbiguousOutcome.test(failure)
                                && !(failure instanceof ProblemException problem && problem.status() == 409))
                .onErrorResume(
                        ProblemException.class,
                        conflict -> conflict.status() == 409
                                ? get(id).filter(d -> d.getStatus() == DeploymentStatus.CANCELLED)
                                        .switchIfEmpty(Mono.error(conflict))
                                : Mono.error(conflict));
    }

    /** Rolls back to what {@code id} ran, as a new deployment, with a new idempotency key. */
    public Mono<Deployment> rollback(String id) {
        return rollback(id, newIdempotencyKey());
    }

    /** Rolls back to what {@code id} ran with {@code idempotencyKey}: the same key never rolls back twice. */
    public Mono<Deployment> rollback(String id, String idempotencyKey) {
        return write(Mono.defer(() -> api.rollbackDeployment(id, idempotencyKey)));
    }

    public Mono<Deployment> get(String id) {
        return problems(Mono.defer(() -> api.getDeployment(id, null, null, null)));
    }

    /** Follows a deployment from its current state to its {@code end}. */
    public Flux<DeploymentEvent> follow(String id) {
        return follow(id, null);
    }

    /**
     * The deployment's events from after {@code lastEventId} (or from its current state) to {@code end}. A connection
     * that drops or fails is opened again with the last event's id as {@code Last-Event-ID}, so no log line comes
     * twice; after five failed reconnections in a row without a new log line the Flux fails. 4xx answers fail at once.
     */
    public Flux<DeploymentEvent> follow(String id, @Nullable String lastEventId) {
        return Flux.defer(() -> {
            StreamPosition position = new StreamPosition(lastEventId);
            return Flux.defer(() -> new EventStream(events, json).open(id, position.lastEventId()))
                    .doOnNext(position::passed)
                    .concatWith(Mono.error(StreamPosition.DroppedException::new))
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, backoff)
                            .maxBackoff(Duration.ofSeconds(30))
                            .filter(failure -> StreamPosition.reconnectable(failure) && position.mayRetry()))
                    .onErrorMap(Exceptions::isRetryExhausted, Throwable::getCause)
                    .takeUntil(event -> event instanceof DeploymentEvent.End);
        });
    }

    /**
     * The deployment once it is terminal, or as it is when {@code timeout} passes (check {@code getTerminal()}). Waits
     * on the event stream; when the stream cannot be used (no events for this provider, a proxy that buffers, repeated
     * drops) it long-polls {@code GET /v1/deployments/{id}?waitFor=terminal} instead.
     */
    public Mono<Deployment> waitForTerminal(String id, Duration timeout) {
        return Mono.defer(() -> {
            Instant deadline = Instant.now().plus(timeout);
            return follow(id)
                    .ofType(DeploymentEvent.End.class)
                    .map(DeploymentEvent.End::deployment)
                    .take(timeout)
                    .next()
                    .switchIfEmpty(Mono.defer(() -> get(id)))
                    .onErrorResume(Deployments::pollInstead, streamFailed -> poll(id, deadline));
        });
    }

    private Mono<Deployment> poll(String id, Instant deadline) {
        long left = Duration.between(Instant.now(), deadline).toSeconds();
        if (left < 1) {
            return get(id);
        }
        return problems(Mono.defer(() -> api.getDeployment(id, null, "terminal", (int) Math.min(left, POLL_SECONDS))))
                .flatMap(deployment -> deployment.getTerminal() ? Mono.just(deployment) : poll(id, deadline));
    }

    /** A stream failure other than a refusal (bad id, token, scope, unknown deployment) is worth a poll. */
    private static boolean pollInstead(Throwable failure) {
        return !(failure instanceof ProblemException problem
                && problem.status() >= 400
                && problem.status() < 500
                && problem.status() != 406
                && problem.status() != 429);
    }

    private Mono<Deployment> write(Mono<Deployment> call) {
        return write(call, AmbiguousOutcome::test);
    }

    private Mono<Deployment> write(Mono<Deployment> call, Predicate<Throwable> retryable) {
        return problems(call)
                .retryWhen(Retry.backoff(writeRetries, backoff)
                        .maxBackoff(Duration.ofSeconds(30))
                        .filter(retryable))
                .onErrorMap(Exceptions::isRetryExhausted, Throwable::getCause);
    }

    private <T> Mono<T> problems(Mono<T> call) {
        return call.onErrorMap(WebClientResponseException.class, response -> ProblemException.from(response, json));
    }

    @Override
    public String toString() {
        return "Deployments[" + api.getApiClient().getBasePath() + "]";
    }
}
