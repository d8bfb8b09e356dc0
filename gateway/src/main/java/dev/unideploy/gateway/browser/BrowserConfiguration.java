package dev.unideploy.gateway.browser;

import dev.unideploy.gateway.identity.JwtAuthenticator;
import dev.unideploy.gateway.identity.OidcProperties;
import dev.unideploy.gateway.security.ApiKeys;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/** Browser access: CORS, the dashboard's session, stream tickets and OIDC bearer tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrowserProperties.class, OidcProperties.class})
class BrowserConfiguration {

    /** The headers a page needs to send and to read; nothing is allowed for an origin not configured. */
    static final List<String> REQUEST_HEADERS = List.of(
            "Authorization",
            "Content-Type",
            "Idempotency-Key",
            "If-None-Match",
            "Last-Event-ID",
            BrowserAuthenticationFilter.CSRF_HEADER,
            "traceparent");

    static final List<String> RESPONSE_HEADERS = List.of(
            "Location",
            "ETag",
            "Retry-After",
            "X-Request-Id",
            "Idempotent-Replayed",
            "RateLimit-Limit",
            "RateLimit-Remaining");

    @Bean
    SignedTokens signedTokens(BrowserProperties properties, JsonMapper json) {
        return SignedTokens.of(properties.session(), json);
    }

    @Bean
    SessionCookies sessionCookies(SignedTokens tokens, BrowserProperties properties) {
        return new SessionCookies(tokens, properties.session());
    }

    @Bean
    JwtAuthenticator jwtAuthenticator(OidcProperties properties) {
        return new JwtAuthenticator(properties);
    }

    @Bean
    BrowserAuthenticationFilter browserAuthenticationFilter(SignedTokens tokens, JwtAuthenticator jwts, ApiKeys keys) {
        return new BrowserAuthenticationFilter(tokens, jwts, keys);
    }

    /** Answers preflights itself, before authentication (a preflight carries no credentials). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    CorsWebFilter corsWebFilter(BrowserProperties properties) {
        BrowserProperties.Cors cors = properties.cors();
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        config.setAllowedHeaders(REQUEST_HEADERS);
        config.setExposedHeaders(RESPONSE_HEADERS);
        config.setAllowCredentials(cors.allowCredentials());
        config.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty()) {
            source.registerCorsConfiguration("/v1/**", config);
        }
        return new CorsWebFilter(source);
    }
}
