package dev.unideploy.sandbox;

import java.time.Duration;

/**
 * How long each provider's own web server keeps an idle keep-alive connection open before it closes it. A simulator's
 * Jetty connector closes idle connections after the same time, so a client that reuses a pooled connection the real
 * server has already closed fails here as it would there.
 */
final class KeepAlive {

    /** Jetty's own connector default; kept where the provider's server is not public. */
    static final Duration JETTY_DEFAULT = Duration.ofSeconds(30);

    private KeepAlive() {}

    /** The idle limit of a simulator of {@code type}; zero means the server never closes an idle connection. */
    static Duration of(String type) {
        return switch (type) {
            // Dokploy/dokploy apps/dokploy/server/server.ts: http.createServer(...) without keepAliveTimeout, on
            // node:24.4.0 (Dockerfile): Node's default keepAliveTimeout of 5 s (advertised as Keep-Alive:
            // timeout=5; the socket itself is destroyed 1 s later, Node's keepAliveTimeoutBuffer). The simulator
            // closes at the advertised 5 s, the earliest a client may assume. (Node 26 raised the default to 65 s.)
            case "dokploy" -> Duration.ofSeconds(5);
            // coollabsio/coolify docker/production/Dockerfile: nginx from serversideup/php fpm-nginx, whose
            // nginx.conf.template sets keepalive_timeout 65; Coolify's site-opts.d/http.conf does not change it.
            case "coolify" -> Duration.ofSeconds(65);
            // trymist/Mist server/api/main.go: http.Server with ReadHeaderTimeout only, no IdleTimeout and no
            // ReadTimeout, so Go keeps an idle connection open for ever (net/http Server.IdleTimeout doc).
            case "mist" -> Duration.ZERO;
            // Zectre (Rust) and Dooor OS (closed-source NestJS) publish no server source: Jetty's default.
            default -> JETTY_DEFAULT;
        };
    }
}
