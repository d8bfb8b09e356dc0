package dev.unideploy.gateway.config;

import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.web.ProviderHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Begins the first health probe of every provider connection once the beans are made, while the web server still
 * starts (issue 17): the first {@code /actuator/health} then finds the probes under way or answered — the same
 * probes {@link ProviderHealth} remembers for a while anyway — instead of beginning all of them itself (on two cores
 * the first probes, through code not yet compiled, took a good part of the 0.4–0.6 s from "Started" to the first
 * health answer). A probe that fails is remembered as DOWN, as any probe is; nothing here waits for one.
 */
@Component
final class ProbesAhead implements SmartInitializingSingleton {

    private final ObjectProvider<ProviderRegistry> registry;
    private final ObjectProvider<ProviderHealth> health;

    ProbesAhead(ObjectProvider<ProviderRegistry> registry, ObjectProvider<ProviderHealth> health) {
        this.registry = registry;
        this.health = health;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ProviderRegistry connections = registry.getIfAvailable();
        ProviderHealth probes = health.getIfAvailable();
        if (connections == null || probes == null) {
            return;
        }
        // on a thread of its own: making the first requests (client pools, codecs) took ~0.1 s of the main thread
        Thread probing = new Thread(
                () -> connections.all().forEach(handle -> probes.of(handle).subscribe(state -> {}, failed -> {})),
                "probes-ahead");
        probing.setDaemon(true);
        probing.start();
    }
}
