package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.problem.SecretRedaction;
import java.net.URI;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /v1/providers/{provider}/passthrough/**}: one Spring Cloud Gateway route per connection to the provider's
 * own API, for {@code admin} keys allowed that connection (checked by the authentication filter and again by the
 * {@link PassthroughFilter}). Provider responses may set session cookies (Mist) or echo a credential in a header or
 * their body: cookies are dropped and configured credentials masked, so none reaches the client.
 */
@Configuration(proxyBeanMethods = false)
class PassthroughRoutes {

    @Bean
    RouteLocator passthroughRouteLocator(
            RouteLocatorBuilder builder,
            ProviderRegistry registry,
            ProviderConnections connections,
            SecretRedaction redaction,
            UnideployProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (ProviderHandle handle : registry.all()) {
            URI base = handle.adapter().connection().baseUrl();
            String prefix = "/v1/providers/" + handle.id() + "/passthrough";
            UnideployProperties.Provider configured = properties.providers().get(handle.id());
            UnideployProperties.Limits limits =
                    configured == null ? UnideployProperties.Limits.defaults() : configured.limits();
            PassthroughFilter.Limits bounds = new PassthroughFilter.Limits(
                    properties.resilience().readTimeout(),
                    properties.resilience().writeTimeout(),
                    limits.maxRequestSize().toBytes(),
                    limits.maxResponseSize().toBytes());
            routes.route(
                    "passthrough-" + handle.id(),
                    route -> route.path(prefix, prefix + "/**")
                            // before the response writer (order -1): the checked response must be the one it writes
                            .filters(filters -> filters.filter(
                                            new PassthroughFilter(
                                                    handle.id(),
                                                    prefix,
                                                    base,
                                                    handle.adapter(),
                                                    connections.circuitBreaker(handle.id()),
                                                    bounds,
                                                    redaction),
                                            NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1)
                                    .removeResponseHeader("Set-Cookie"))
                            .uri(base.getScheme() + "://" + base.getRawAuthority()));
        }
        return routes.build();
    }
}
