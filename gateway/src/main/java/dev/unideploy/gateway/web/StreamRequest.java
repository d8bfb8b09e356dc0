package dev.unideploy.gateway.web;

import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.gateway.security.ApiKeyAuthenticationFilter;
import dev.unideploy.gateway.security.ClientPrincipal;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An event stream request the short road ({@link LiveStreams}) may serve, as the full road would: {@code GET
 * /v1/deployments/{id}/events} with a plain id and no query, a single {@code Authorization: Bearer} API key of a
 * reader ({@link OpenStreams.Readers}), no cookie, no {@code Origin}, no body, an {@code Accept} that takes {@code
 * text/event-stream}, HTTP/1.1 keep-alive.
 */
record StreamRequest(ClientPrincipal client, GlobalId id, int resumeFrom, String path) {

    private static final Pattern EVENTS =
            Pattern.compile("/v1/deployments/([A-Za-z0-9][A-Za-z0-9_-]*:[A-Za-z0-9._~-]+)/events");

    /** The request as a stream request, or null when only the full road may answer it. */
    static @Nullable StreamRequest of(HttpRequest request, OpenStreams.Readers readers) {
        String uri = request.uri();
        if (!uri.endsWith("/events") || !uri.startsWith("/v1/deployments/")) {
            return null; // every other request: as cheap a no as can be, this runs for each one
        }
        HttpHeaders headers = request.headers();
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (!ShortRoad.plainGet(request)
                || (accept != null
                        && !accept.contains("text/event-stream")
                        && !accept.trim().equals("*/*"))) {
            return null;
        }
        Matcher events = EVENTS.matcher(uri);
        if (!events.matches()) {
            return null;
        }
        ClientPrincipal client = ApiKeyAuthenticationFilter.bearer(headers.getAll(HttpHeaderNames.AUTHORIZATION))
                .map(readers)
                .orElse(null);
        if (client == null) {
            return null;
        }
        try {
            return new StreamRequest(
                    client,
                    GlobalId.parse("id", events.group(1)),
                    DeploymentEvents.resumeFrom(headers.get("Last-Event-ID")),
                    events.group(0));
        } catch (RuntimeException notPlain) {
            return null;
        }
    }
}
