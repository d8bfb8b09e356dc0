package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.SecretRedaction;
import java.net.URI;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * {@code /v1/providers/{provider}/passthrough/**}: one Spring Cloud Gateway route per connection to the provider's
 * own API, for {@code admin} keys (enforced by the authentication filter). Provider responses may set session
 * cookies (Mist) or echo a credential in their body: cookies are dropped and configured credentials masked, so
 * none reaches the client.
 */
@Configuration(proxyBeanMethods = false)
class PassthroughRoutes {

    @Bean
    RouteLocator passthroughRouteLocator(
            RouteLocatorBuilder builder,
            ProviderRegistry registry,
            ProviderConnections connections,
            SecretRedaction redaction) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (ProviderHandle handle : registry.all()) {
            URI base = handle.adapter().connection().baseUrl();
            String prefix = "/v1/providers/" + handle.id() + "/passthrough";
            routes.route(
                    "passthrough-" + handle.id(),
                    route -> route.path(prefix, prefix + "/**")
                            .filters(filters -> filters.filter(new PassthroughFilter(
                                            prefix, base, handle.adapter(), connections.circuitBreaker(handle.id())))
                                    .removeResponseHeader("Set-Cookie")
                                    // a provider may echo the credential it was sent; the client never sees it
                                    .modifyResponseBody(
                                            String.class,
                                            String.class,
                                            (exchange, body) ->
                                                    Mono.justOrEmpty(body).map(redaction::redact)))
                            .uri(base.getScheme() + "://" + base.getRawAuthority()));
        }
        return routes.build();
    }
}
