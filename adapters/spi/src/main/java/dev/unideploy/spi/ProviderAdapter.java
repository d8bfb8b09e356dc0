package dev.unideploy.spi;

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

    /** Cancels a queued or running deployment, answering it after the cancel. Conflict if it is finished. */
    default Mono<Deployment> cancel(String deploymentId) {
        return unsupported(Capability.CANCEL);
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
    default Mono<Runtime> runtime(String deploymentId) {
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

    /** The app's revisions with their traffic shares. */
    default Mono<List<Revision>> revisions(String appId) {
        return unsupported(Capability.REVISIONS);
    }

    /** Splits the app's traffic; the percentages sum to 100 (checked before any request). */
    default Mono<List<TrafficSplit>> setTraffic(String appId, List<TrafficSplit> splits) {
        return unsupported(Capability.TRAFFIC);
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
