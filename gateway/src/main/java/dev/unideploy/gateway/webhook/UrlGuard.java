package dev.unideploy.gateway.webhook;

import dev.unideploy.gateway.problem.ApiException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps webhook deliveries off the gateway's own networks (SSRF): an http(s) URL without credentials, whose host is
 * not — and does not resolve to — a loopback, private, link-local, unique-local, shared (100.64/10), multicast or
 * unspecified address, unless {@code unideploy.webhooks.allow-private-networks} is set. Checked when a subscription
 * is written (literal addresses and {@code localhost}) and before every attempt (what the name resolves to then).
 */
final class UrlGuard {

    private final boolean allowPrivate;

    UrlGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** 400 unless {@code url} is an acceptable subscription URL; answers it parsed. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException bad) {
            throw ApiException.invalid("url", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.invalid("url", "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must have a host, and no user info or fragment");
        }
        String host = uri.getHost();
        if (!allowPrivate
                && (host.equalsIgnoreCase("localhost")
                        || host.toLowerCase(Locale.ROOT).endsWith(".localhost"))) {
            throw ApiException.invalid("url", "must not point at this host (loopback)");
        }
        InetAddress literal = literal(host);
        if (literal != null && refused(literal) != null) {
            throw ApiException.invalid("url", "must not be a " + refused(literal) + " address");
        }
        return uri;
    }

    /** Why a delivery to {@code host} is refused now (it resolves to a refused address); null if it may go. */
    @Nullable
    String refusal(String host) {
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                String why = refused(address);
                if (why != null) {
                    return "refused: " + host + " resolves to a " + why + " address";
                }
            }
            return null;
        } catch (UnknownHostException unknown) {
            return "refused: " + host + " does not resolve";
        }
    }

    /** What kind of refused address {@code address} is, or null when it is public. */
    @Nullable
    String refused(InetAddress address) {
        if (allowPrivate) return null;
        if (address.isLoopbackAddress()) return "loopback";
        if (address.isLinkLocalAddress()) return "link-local";
        if (address.isSiteLocalAddress()) return "private";
        if (address.isAnyLocalAddress()) return "unspecified";
        if (address.isMulticastAddress()) return "multicast";
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) return "unique-local";
        if (bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64) return "shared (CGNAT)";
        if (bytes.length == 4 && (bytes[0] & 0xff) == 0) return "unspecified";
        return null;
    }

    /** The address a host names literally (IPv4 or bracketed IPv6), without any lookup; null for a name. */
    private static @Nullable InetAddress literal(String host) {
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.startsWith("[") || host.contains(":");
        if (!ipv4 && !ipv6) return null;
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException invalid) {
            throw ApiException.invalid("url", "has an invalid address");
        }
    }
}
