package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.feed.EventType;
import dev.unideploy.gateway.feed.Interest;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.security.ClientPrincipal;
import dev.unideploy.gateway.security.Scope;
import dev.unideploy.gateway.store.WebhookRecords;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions: those made through the API (in the shared store) and those defined in configuration
 * (read-only). A client sees and changes its own; an admin sees all.
 */
public final class Subscriptions {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a client asks for; null lists mean "all". */
    public record Draft(
            String url,
            @Nullable List<String> events,
            @Nullable List<String> providers,
            @Nullable List<String> appIds,
            @Nullable String description) {}

    /** A change; null leaves a field as it is. */
    public record Patch(
            @Nullable String url,
            @Nullable List<String> events,
            @Nullable List<String> providers,
            @Nullable List<String> appIds,
            @Nullable String description,
            @Nullable Boolean enabled) {}

    private final WebhookRecords records;
    private final UrlGuard guard;
    private final ProviderRegistry registry;
    private final Map<String, Subscription> configured;
    private final Clock clock;
    private final Runnable changed;

    Subscriptions(
            WebhookRecords records,
            UrlGuard guard,
            ProviderRegistry registry,
            Map<String, Subscription> configured,
            Clock clock,
            Runnable changed) {
        this.records = records;
        this.guard = guard;
        this.registry = registry;
        this.configured = Map.copyOf(configured);
        this.clock = clock;
        this.changed = changed;
    }

    public Mono<Subscription> create(ClientPrincipal client, Draft draft) {
        return Mono.defer(() -> {
            guard.check(draft.url());
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Subscription made = new Subscription(
                    "wh_" + UUID.randomUUID().toString().replace("-", ""),
                    draft.url(),
                    events(draft.events()),
                    connections(client, draft.providers()),
                    apps(client, draft.appIds()),
                    draft.description(),
                    "whsec_" + Base64.getEncoder().encodeToString(key),
                    client.name(),
                    List.copyOf(client.providers()),
                    false,
                    true,
                    null,
                    clock.instant());
            return save(made);
        });
    }

    public Mono<List<Subscription>> list(ClientPrincipal client) {
        return all().map(found -> found.stream()
                .filter(subscription -> visibleTo(client, subscription))
                .sorted(Comparator.comparing(Subscription::createdAt))
                .toList());
    }

    /** The subscription, if {@code client} may see it; else 404. */
    public Mono<Subscription> get(ClientPrincipal client, String id) {
        return find(id).filter(subscription -> visibleTo(client, subscription))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No webhook subscription '" + id + "'.")));
    }

    public Mono<Subscription> update(ClientPrincipal client, String id, Patch patch) {
        return writable(client, id).flatMap(old -> {
            if (patch.url() != null) guard.check(patch.url());
            boolean enable = patch.enabled() != null ? patch.enabled() : old.enabled();
            return save(new Subscription(
                    old.id(),
                    patch.url() != null ? patch.url() : old.url(),
                    patch.events() != null ? events(patch.events()) : old.events(),
                    patch.providers() != null ? connections(client, patch.providers()) : old.providers(),
                    patch.appIds() != null ? apps(client, patch.appIds()) : old.appIds(),
                    patch.description() != null ? patch.description() : old.description(),
                    old.secret(),
                    old.createdBy(),
                    old.visible(),
                    false,
                    enable,
                    enable ? null : old.disabledReason(),
                    old.createdAt()));
        });
    }

    public Mono<Void> delete(ClientPrincipal client, String id) {
        return writable(client, id)
                .flatMap(found -> records.removeSubscription(id))
                .doOnNext(removed -> changed.run())
                .then();
    }

    /** Every subscription, configured ones included. */
    public Mono<List<Subscription>> all() {
        return records.subscriptions()
                .map(json -> JSON.readValue(json, Subscription.class))
                .concatWith(Flux.fromIterable(configured.values()))
                .collectList();
    }

    Mono<Subscription> find(String id) {
        Subscription fixed = configured.get(id);
        return fixed != null
                ? Mono.just(fixed)
                : records.subscription(id).map(json -> JSON.readValue(json, Subscription.class));
    }

    /** Stops deliveries to a subscription whose receiver answered 410. */
    Mono<Void> disable(String id, String reason) {
        if (configured.containsKey(id)) {
            return Mono.empty(); // configuration decides about those; its deliveries stop one by one
        }
        return find(id).flatMap(found -> save(found.withEnabled(false, reason))).then();
    }

    /** What the enabled subscriptions need watched. */
    Mono<List<Interest>> interests() {
        return all().map(found -> found.stream()
                .filter(Subscription::enabled)
                .map(Subscription::interest)
                .toList());
    }

    private Mono<Subscription> writable(ClientPrincipal client, String id) {
        return get(client, id)
                .flatMap(found -> found.configured()
                        ? Mono.error(ApiException.conflict("Webhook subscription '" + id
                                + "' is defined in configuration and cannot be changed here."))
                        : Mono.just(found));
    }

    private Mono<Subscription> save(Subscription subscription) {
        return records.saveSubscription(subscription.id(), JSON.writeValueAsString(subscription))
                .doOnSuccess(done -> changed.run())
                .thenReturn(subscription);
    }

    private static boolean visibleTo(ClientPrincipal client, Subscription subscription) {
        return client.has(Scope.ADMIN) || subscription.createdBy().equals(client.name());
    }

    private static List<String> events(@Nullable List<String> wanted) {
        if (wanted == null) return List.of();
        for (String type : wanted) {
            if (EventType.fromWire(type).isEmpty()) {
                throw ApiException.invalid("events", "unknown event type '" + type + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(wanted));
    }

    private List<String> connections(ClientPrincipal client, @Nullable List<String> wanted) {
        List<String> checked = new ArrayList<>();
        for (String connection : wanted == null ? List.<String>of() : wanted) {
            if (!registry.contains(connection)) {
                throw ApiException.invalid("providers", "no provider connection '" + connection + "'");
            }
            client.checkProvider(connection);
            if (!checked.contains(connection)) checked.add(connection);
        }
        return checked;
    }

    private List<String> apps(ClientPrincipal client, @Nullable List<String> wanted) {
        List<String> checked = new ArrayList<>();
        for (String appId : wanted == null ? List.<String>of() : wanted) {
            GlobalId app = GlobalId.parse("appIds", appId);
            if (!registry.contains(app.connection())) {
                throw ApiException.invalid("appIds", "no provider connection '" + app.connection() + "'");
            }
            client.checkProvider(app.connection());
            if (!checked.contains(appId)) checked.add(appId);
        }
        return checked;
    }
}
