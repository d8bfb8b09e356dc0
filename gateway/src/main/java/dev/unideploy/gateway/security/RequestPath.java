package dev.unideploy.gateway.security;

import dev.unideploy.gateway.problem.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one path every decision about a request is made on: the path as routing sees it — each segment
 * percent-decoded — so that {@code /%61ctuator} is authorized as {@code /actuator}, the route it reaches. Paths
 * that could mean different things to the gateway, a router or a provider are refused (400) before anything is
 * sent: {@code ;} parameters, encoded slashes and backslashes, dot segments in any encoding ({@code ..},
 * {@code ..;}, {@code %2e%2e}, double-encoded {@code %252e}), empty segments and control characters.
 *
 * @param value the decoded path, e.g. {@code /v1/deployments/coolify:abc}
 * @param segments its decoded segments
 */
public record RequestPath(String value, List<String> segments) {

    static final String ATTRIBUTE = RequestPath.class.getName();

    public RequestPath {
        segments = List.copyOf(segments);
    }

    /** The path the {@link PathGuardFilter} accepted for this exchange (computed here if it did not run). */
    public static RequestPath of(ServerWebExchange exchange) {
        RequestPath path = exchange.getAttribute(ATTRIBUTE);
        return path != null ? path : parse(exchange.getRequest());
    }

    /** Decodes and checks the request's path; 400 {@code invalid_request} naming {@code path} if it is unsafe. */
    static RequestPath parse(ServerHttpRequest request) {
        String raw = request.getURI().getRawPath();
        if (raw == null || raw.isEmpty()) {
            return new RequestPath("/", List.of());
        }
        if (raw.indexOf(';') >= 0) {
            throw refused("must not carry ';' parameters");
        }
        if (raw.indexOf('\\') >= 0) {
            throw refused("must not contain a backslash");
        }
        if (raw.contains("//")) {
            throw refused("must not contain empty segments ('//')");
        }
        PathContainer container;
        try {
            container = request.getPath().pathWithinApplication();
        } catch (IllegalArgumentException malformed) {
            throw refused("is not a valid percent-encoded path");
        }
        List<String> segments = new ArrayList<>();
        List<PathContainer.Element> elements = container.elements();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof PathContainer.PathSegment segment) {
                String rawSegment = segment.value();
                String decoded = segment.valueToMatch();
                checkEncoding(rawSegment);
                check(decoded, i == elements.size() - 1);
                segments.add(decoded);
            }
        }
        StringBuilder value = new StringBuilder();
        segments.forEach(segment -> value.append('/').append(segment));
        if (raw.endsWith("/") && !segments.isEmpty()) {
            value.append('/');
        }
        return new RequestPath(value.length() == 0 ? "/" : value.toString(), segments);
    }

    private static void checkEncoding(String rawSegment) {
        for (int i = 0; i < rawSegment.length(); i++) {
            if (rawSegment.charAt(i) == '%'
                    && (i + 2 >= rawSegment.length()
                            || Character.digit(rawSegment.charAt(i + 1), 16) < 0
                            || Character.digit(rawSegment.charAt(i + 2), 16) < 0)) {
                throw refused("is not a valid percent-encoded path");
            }
        }
    }

    private static void check(String segment, boolean last) {
        if (segment.isEmpty() && !last) {
            throw refused("must not contain empty segments ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw refused("must not contain dot segments ('.', '..') in any encoding");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\') {
                throw refused("must not contain an encoded slash or backslash");
            }
            if (c == ';') {
                throw refused("must not carry ';' parameters");
            }
            if (c == '%') {
                throw refused("must not be encoded twice ('%25')");
            }
            if (c < 0x20 || c == 0x7f) {
                throw refused("must not contain control characters");
            }
        }
    }

    private static ApiException refused(String why) {
        return ApiException.invalid("path", why);
    }

    /** True when the path is {@code prefix} or lies under it ({@code /actuator} covers {@code /actuator/x}). */
    public boolean isUnder(String prefix) {
        return value.equals(prefix) || value.startsWith(prefix + "/");
    }

    @Override
    public String toString() {
        return value;
    }
}
