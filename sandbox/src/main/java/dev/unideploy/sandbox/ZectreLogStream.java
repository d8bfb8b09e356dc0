package dev.unideploy.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Zectre's {@code GET /api/v1/deployments/{id}/logs/stream}: Server-Sent Events, default {@code message} event,
 * {@code data:} one JSON log entry; lines are pushed as they appear and the stream ends when the deployment is
 * terminal.
 */
final class ZectreLogStream extends Handler.Wrapper {

    private static final Pattern PATH = Pattern.compile("/api/v1/deployments/([^/]+)/logs/stream");

    private final Duration step;
    private final Function<String, @Nullable ZectreDeployment> deployments;

    ZectreLogStream(Duration step, Function<String, @Nullable ZectreDeployment> deployments) {
        this.step = step;
        this.deployments = deployments;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher matcher = PATH.matcher(request.getHttpURI().getPath());
        if (!matcher.matches() || !request.getMethod().equals("GET")) {
            return super.handle(request, response, callback);
        }
        var headers = request.getHeaders();
        if (!ZectreSimulator.authorized(headers.get("X-API-Key"), headers.get("Authorization"))) {
            return error(response, callback, 401, "UNAUTHORIZED", "Missing or invalid credentials");
        }
        String id = matcher.group(1);
        if (deployments.apply(id) == null) {
            return error(response, callback, 404, "NOT_FOUND", "Deployment not found");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        new Pump(id, response, callback).run();
        return true;
    }

    private static boolean error(Response response, Callback callback, int status, String code, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String body = Json.write(Json.obj("error", Json.obj("code", code, "message", message)));
        response.write(true, BufferUtil.toBuffer(body, StandardCharsets.UTF_8), callback);
        return true;
    }

    /** Writes new entries, one write at a time, then polls again until the deployment is terminal. */
    private final class Pump implements Runnable {
        private final String id;
        private final Response response;
        private final Callback done;
        private int sent;

        Pump(String id, Response response, Callback done) {
            this.id = id;
            this.response = response;
            this.done = done;
        }

        @Override
        public void run() {
            ZectreDeployment deployment = deployments.apply(id);
            if (deployment == null) {
                response.write(true, BufferUtil.EMPTY_BUFFER, done);
                return;
            }
            boolean terminal = deployment.terminal();
            List<Map<String, @Nullable Object>> entries = deployment.logs();
            if (entries.size() > sent) {
                StringBuilder events = new StringBuilder();
                entries.subList(sent, entries.size())
                        .forEach(entry -> events.append("data: ")
                                .append(Json.write(entry))
                                .append("\n\n"));
                sent = entries.size();
                response.write(
                        false,
                        BufferUtil.toBuffer(events.toString(), StandardCharsets.UTF_8),
                        Callback.from(this, done::failed));
            } else if (terminal) {
                response.write(true, BufferUtil.EMPTY_BUFFER, done);
            } else {
                StreamClock.later(step, this);
            }
        }
    }
}
