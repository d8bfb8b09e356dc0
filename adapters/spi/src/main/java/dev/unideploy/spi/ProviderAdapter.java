package dev.unideploy.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One provider connection, speaking the normalised deployment model.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Every method is lazy: nothing is sent before subscription, and each subscription sends anew.
 *   <li>Failures are signalled as {@link ProviderException}s only, never as transport or parsing exceptions.
 *   <li>Every provider status becomes a {@link Lifecycle}; an unrecognised one is {@link Status#UNKNOWN} with
 *       the raw value kept, never an error.
 *   <li>An operation whose {@link #capabilities() capability} is {@link Support#UNSUPPORTED} fails with {@link
 *       ProviderException.Unsupported} and sends no request; the defaults below do exactly that.
 *   <li>Input the provider would reject for a known reason (e.g. replicas out of range) fails with {@link
 *       ProviderException.InvalidRequest} before any request.
 *   <li>Adapters never cache, retry, rate-limit or break circuits: the gateway decorates them with that.
 *   <li>Ids are local (see the package doc) and round-trip without server state: {@code getDeployment(d.id())}
 *       finds {@code d}.
 *   <li>Credentials never appear in results, {@code raw} payloads or exception messages.
 * </ul>
 *
 * <p><b>Thread-safety.</b> Implementations are immutable after creation, or guard their little state (e.g.
 * Mist's session cookie) themselves; one instance serves all gateway requests at once.
 */
public interface ProviderAdapter {

    /** The connection this adapter serves. */
    ProviderConnection connection();

    /** Per operation: native, emulated or unsupported. Total: every {@link Capability} has an entry. */
    Map<Capability, Support> capabilities();

    /**
     * The {@link Source} fields {@link #trigger} honours through the provider's real API. The gateway refuses a
     * trigger that sets any other field (400 naming it) before this adapter sees it: a trigger never silently
     * deploys the app's configured source instead. An adapter still refuses combinations its provider cannot take
     * ({@link ProviderException.InvalidRequest} naming the field), before any request. None by default.
     */
    default Set<SourceField> sourceFields() {
        return Set.of();
    }

    /** The provider's apps. */
    Mono<List<App>> listApps();

    /** Triggers a deployment and answers it as the provider now has it (usually queued). */
    Mono<Deployment> trigger(TriggerRequest request);

    /**
     * One page of an app's deployments, newest first.
     *
     * @param pageToken null for the first page, else a {@link DeploymentPage#nextPageToken()} of this adapter
     * @param limit 1 to 100; adapters page in memory where the provider cannot
     */
    Mono<DeploymentPage> listDeployments(String appId, @Nullable String pageToken, int limit);

    /** One deployment; {@link ProviderException.NotFound} if there is none. */
    Mono<Deployment> getDeployment(String deploymentId);

    /** The log so far; {@code tail} keeps the last lines only. */
    Mono<Logs> logs(String deploymentId, @Nullable Integer tail);

    /**
     * The deployment and its log so far, as one poll of a deployment without a native stream reads them. The default
     * asks {@link #getDeployment} and then {@link #logs}, the log best effort (a failed or unsupported log read is an
     * empty one); an adapter whose provider answers both in one response (Coolify's row holds its log) overrides it
     * to send one request.
     */
    default Mono<Progress> progress(String deploymentId) {
        return getDeployment(deploymentId)
                .flatMap(deployment -> logs(deploymentId, null)
                        .map(Logs::items)
                        .onErrorResume(ProviderException.class, unreadable -> Mono.just(List.of()))
                        .map(lines -> new Progress(deployment, lines)));
    }

    /** Cancels a queued or running deployment, answering it after the cancel. Conflict if it is finished. */
    default Mono<Deployment> cancel(String deploymentId) {
        return unsupported(Capability.CANCEL);
    }

    /**
     * What {@link #cancel} can stop: by default every queued or in-progress deployment where cancel is supported,
     * none where it is not. Adapters whose provider can stop less say so (a cancel outside the scope is a {@link
     * ProviderException.Conflict} saying why).
     */
    default CancelScope cancelScope() {
        return capabilities().getOrDefault(Capability.CANCEL, Support.UNSUPPORTED) == Support.UNSUPPORTED
                ? CancelScope.NONE
                : CancelScope.QUEUED_OR_IN_PROGRESS;
    }

    /** Removes the deployment's record from the provider. */
    default Mono<Void> delete(String deploymentId) {
        return unsupported(Capability.DELETE);
    }

    /**
     * The provider's native live stream: status changes and log lines until the deployment is terminal, then
     * completes (closing the upstream connection, also on cancel). Without a native stream ({@link
     * Capability#EVENTS} not native) the gateway polls {@link #getDeployment} and {@link #logs} instead.
     */
    default Flux<DeploymentEvent> events(String deploymentId) {
        return Flux.error(new ProviderException.Unsupported(Capability.EVENTS));
    }

    /** Runtime health: replicas ready of total. */
    default Mono<RuntimeHealth> runtime(String deploymentId) {
        return unsupported(Capability.RUNTIME);
    }

    /** Returns the app to what {@code deploymentId} deployed, as a new deployment (kind rollback). */
    default Mono<Deployment> rollback(String deploymentId) {
        return unsupported(Capability.ROLLBACK);
    }

    /** Promotes a deployment to another environment, as a new deployment (kind promote). */
    default Mono<Deployment> promote(String deploymentId, PromoteRequest request) {
        return unsupported(Capability.PROMOTE);
    }

    /** Scales the app's live deployment to {@code replicas}. */
    default Mono<ScaleResult> scale(String appId, int replicas) {
        return unsupported(Capability.SCALE);
    }

    /**
     * The replica count the provider holds for the app now (what {@link #scale} sets), read back to tell whether a
     * scale whose answer was lost took effect. Empty where the provider does not say.
     */
    default Mono<Integer> replicas(String appId) {
        return Mono.empty();
    }

    /** The app's revisions with their traffic shares. */
    default Mono<List<Revision>> revisions(String appId) {
        return unsupported(Capability.REVISIONS);
    }

    /** Splits the app's traffic; the percentages sum to 100 (checked before any request). */
    default Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        return unsupported(Capability.TRAFFIC);
    }

    /**
     * Finds the deployment {@code creation} made, when the gateway sent it at {@code sentAt} but lost the answer (a
     * time limit passed, the connection was reset after the request went out, the body was unreadable). Read-only: it
     * never sends a write. Empty when the provider shows no such deployment (the gateway keeps looking for a while,
     * and only a lookup made well after the write could have landed counts as proof that nothing happened); an error
     * when the provider cannot tell now. The deployment is answered as the write would have answered it.
     *
     * <p>The default looks among the app's newest deployments for the first one made since {@code sentAt} (less
     * {@link Creation#CLOCK_TOLERANCE}) that {@link Creation#couldHaveMade could have been made} by the write.
     * Adapters override it where the provider lets them correlate better (a title they sent, a sequence number).
     */
    default Mono<Deployment> findCreated(Creation creation, Instant sentAt) {
        Mono<String> app = creation instanceof Creation.Trigger trigger
                ? Mono.just(trigger.request().appId())
                : getDeployment(
                                creation instanceof Creation.Rollback rollback
                                        ? rollback.deploymentId()
                                        : ((Creation.Promote) creation).deploymentId())
                        .map(Deployment::appId);
        return app.flatMap(appId -> listDeployments(appId, null, 50))
                .flatMap(page -> Mono.justOrEmpty(Creation.firstSince(page.items(), sentAt, creation::couldHaveMade)))
                .map(creation::asAnswered);
    }

    /**
     * The headers that authenticate a raw request to this provider (for the admin passthrough), e.g. {@code
     * Authorization}, {@code x-api-key} or Mist's session {@code Cookie}. Never logged or returned.
     */
    Mono<Map<String, String>> authHeaders();

    /** The failed {@link Mono} of an unsupported operation: no request is sent. */
    static <T> Mono<T> unsupported(Capability capability) {
        return Mono.error(new ProviderException.Unsupported(capability));
    }
}
