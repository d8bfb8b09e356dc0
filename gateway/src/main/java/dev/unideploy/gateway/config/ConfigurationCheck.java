package dev.unideploy.gateway.config;

import dev.unideploy.gateway.security.Scope;
import dev.unideploy.spi.ProviderAdapterFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the provider connections and client keys before any bean is made, so that a mistake ends the start with
 * one line naming the property ({@link InvalidConfiguration}, reported by {@link StartupFailureAnalyzer}) rather
 * than a stack trace from deep inside the bean that first trips over it.
 */
@Component
final class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment == null) {
            return;
        }
        Binder binder = Binder.get(environment);
        check(
                binder.bind("unideploy.providers", Bindable.mapOf(String.class, UnideployProperties.Provider.class))
                        .orElse(Map.of()),
                binder.bind("unideploy.clients", Bindable.mapOf(String.class, UnideployProperties.Client.class))
                        .orElse(Map.of()),
                knownTypes());
    }

    static Set<String> knownTypes() {
        Set<String> types = new TreeSet<>();
        ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .forEach(factory -> types.add(factory.type()));
        return types;
    }

    static void check(
            Map<String, UnideployProperties.Provider> providers,
            Map<String, UnideployProperties.Client> clients,
            Set<String> knownTypes) {
        providers.forEach((id, provider) -> checkProvider(id, provider, knownTypes));
        clients.forEach(ConfigurationCheck::checkClient);
    }

    private static void checkProvider(String id, UnideployProperties.Provider provider, Set<String> types) {
        Set<String> knownTypes = new TreeSet<>(types);
        String prefix = "unideploy.providers." + id + ".";
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new InvalidConfiguration(
                    "unideploy.providers." + id, "is not a valid connection id: use letters, digits, - and _");
        }
        if (provider.type() == null || provider.type().isBlank()) {
            throw new InvalidConfiguration(prefix + "type", "is missing: set it to one of " + knownTypes);
        }
        if (!knownTypes.contains(provider.type())) {
            throw new InvalidConfiguration(
                    prefix + "type",
                    "'" + provider.type() + "' is not a known provider type: use one of " + knownTypes);
        }
        if (provider.baseUrl() == null || provider.baseUrl().isBlank()) {
            throw new InvalidConfiguration(
                    prefix + "base-url", "is missing: set it to the provider API's URL, e.g. https://host/api/v1");
        }
        if (!isHttpUrl(provider.baseUrl())) {
            // the value itself is not repeated: a URL may carry a password
            throw new InvalidConfiguration(prefix + "base-url", "is not an absolute http:// or https:// URL");
        }
    }

    private static void checkClient(String name, UnideployProperties.Client client) {
        String prefix = "unideploy.clients." + name + ".";
        String hash =
                client.keySha256() == null ? "" : client.keySha256().trim().toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) {
            // never echoed: a key pasted here by mistake is a secret
            throw new InvalidConfiguration(
                    prefix + "key-sha256",
                    (hash.isEmpty() ? "is missing" : "is not a SHA-256 (64 hex digits)")
                            + ": set it to the output of printf %s \"$KEY\" | sha256sum");
        }
        for (String scope : client.scopes()) {
            if (Scope.fromWire(scope).isEmpty()) {
                throw new InvalidConfiguration(
                        prefix + "scopes",
                        "'" + scope + "' is not a scope: use "
                                + Arrays.stream(Scope.values()).map(Scope::wire).toList());
            }
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
