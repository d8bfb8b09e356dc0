package dev.unideploy.gateway.feed;

import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Support;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The app watchers: one per app and interval, started while someone wants the app watched (a webhook subscription, a
 * {@code /v1/events} client) and stopped when no one does. What is wanted is worked out again every {@code
 * apps-refresh}, and at once when an interest changes.
 */
public final class Watchers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchers.class);

    private final ProviderRegistry registry;
    private final FeedProperties properties;
    private final AppWatch.Context context;
    private final Clock clock;
    private final List<Supplier<Mono<List<Interest>>>> sources = new CopyOnWriteArrayList<>();
    private final Map<Object, Interest> followers = new ConcurrentHashMap<>();
    private final Map<String, AppWatch> watches = new ConcurrentHashMap<>();
    private final Map<String, List<App>> apps = new ConcurrentHashMap<>();
    private final Sinks.Many<Boolean> changes = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable loop;

    Watchers(ProviderRegistry registry, FeedProperties properties, AppWatch.Context context, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.context = context;
        this.clock = clock;
        this.loop = Flux.merge(
                        Flux.interval(Duration.ZERO, properties.appsRefresh())
                                .onBackpressureDrop()
                                .map(tick -> true),
                        changes.asFlux().map(changed -> false))
                .onBackpressureDrop()
                .concatMap(relist -> reconcile(relist).onErrorResume(error -> {
                    log.warn("Working out which apps to watch failed: {}", error.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Adds a source of interests (e.g. the webhook subscriptions), asked at every reconciliation. */
    public void addSource(Supplier<Mono<List<Interest>>> source) {
        sources.add(source);
        changed();
    }

    /** Something an interest depends on changed: work out what to watch now. */
    public void changed() {
        changes.tryEmitNext(true);
    }

    /** Watches what {@code interest} wants until the answer is disposed (a feed client leaving). */
    public Disposable follow(Interest interest) {
        Object key = new Object();
        followers.put(key, interest);
        changed();
        return () -> {
            followers.remove(key);
            changed();
        };
    }

    /** Reads the apps of {@code connection} at once (all of them, or just {@code app}, a local id, if given). */
    public int poke(String connection, @Nullable String app) {
        int poked = 0;
        for (AppWatch watch : watches.values()) {
            if (watch.key().startsWith(connection + ":")
                    && (app == null || watch.key().equals(connection + ":" + app))) {
                watch.poke();
                poked++;
            }
        }
        return poked;
    }

    /** The keys ({@code connection:app}) of the apps watched now. */
    public Set<String> watched() {
        return Set.copyOf(watches.keySet());
    }

    private Mono<Void> reconcile(boolean relist) {
        return Flux.fromIterable(sources)
                .concatMap(source -> source.get().onErrorResume(error -> Mono.just(List.of())))
                .collectList()
                .flatMap(lists -> {
                    List<Interest> interests = new ArrayList<>(followers.values());
                    lists.forEach(interests::addAll);
                    return Flux.fromIterable(registry.all())
                            .concatMap(handle -> wanted(handle, interests, relist))
                            .collectList();
                })
                .doOnNext(wanted -> apply(new HashSet<>(wanted)))
                .then();
    }

    /** The keys of {@code handle}'s apps that someone wants. */
    private Flux<String> wanted(ProviderHandle handle, List<Interest> interests, boolean relist) {
        String connection = handle.id();
        if (handle.support(Capability.LIST) == Support.UNSUPPORTED) {
            return Flux.empty();
        }
        boolean all = interests.stream().anyMatch(interest -> interest.wantsAllOf(connection));
        Flux<String> named = Flux.fromIterable(interests)
                .flatMapIterable(Interest::appIds)
                .filter(appId -> appId.startsWith(connection + ":"))
                .filter(appId -> interests.stream().anyMatch(interest -> interest.wants(connection, appId)));
        if (!all) {
            return named;
        }
        Mono<List<App>> listed = !relist && apps.containsKey(connection)
                ? Mono.just(apps.get(connection))
                : handle.adapter().listApps().doOnNext(found -> apps.put(connection, found));
        return listed.onErrorResume(error -> Mono.justOrEmpty(apps.get(connection)))
                .flatMapIterable(found -> found)
                .map(app -> connection + ":" + app.id())
                .concatWith(named);
    }

    private synchronized void apply(Set<String> wanted) {
        watches.keySet().removeIf(key -> {
            if (wanted.contains(key)) return false;
            watches.get(key).stop();
            log.info("Stopped watching {}", key);
            return true;
        });
        for (String key : wanted) {
            watches.computeIfAbsent(key, k -> {
                int colon = k.indexOf(':');
                ProviderHandle handle = registry.get(k.substring(0, colon));
                AppWatch watch = new AppWatch(
                        handle, k.substring(colon + 1), properties.intervalOf(handle.id()), context, clock.instant());
                log.info("Watching {}", watch);
                return watch.start();
            });
        }
    }

    @Override
    public void close() {
        loop.dispose();
        watches.values().forEach(AppWatch::stop);
        watches.clear();
    }
}
