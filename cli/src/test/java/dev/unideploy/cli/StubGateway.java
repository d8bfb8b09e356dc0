package dev.unideploy.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway whose event stream misbehaves, to test how {@link Follower} copes: the stream either fails at once
 * (503) or drops after one event, then serves the rest to a {@code Last-Event-ID} reconnection. Polled, the
 * deployment finishes at the second wait, and its log has one more line at each read.
 */
final class StubGateway implements AutoCloseable {

    static final String ID = "stub:d1";

    private final HttpServer server;
    private final boolean streamFails;
    /** The Last-Event-ID of each events request ("" when none), and each wait request's query. */
    final List<String> eventRequests = new CopyOnWriteArrayList<>();

    final List<String> waits = new CopyOnWriteArrayList<>();

    private final AtomicInteger logReads = new AtomicInteger();

    /** The Idempotency-Key of each trigger ("" when none). */
    final List<String> triggerKeys = new CopyOnWriteArrayList<>();

    /** Triggers answered 504 provider_timeout before one is accepted. */
    final AtomicInteger triggerTimeouts = new AtomicInteger();

    StubGateway(boolean streamFails) throws IOException {
        this.streamFails = streamFails;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/deployments", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST")) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            triggerKeys.add(key == null ? "" : key);
            if (triggerTimeouts.getAndDecrement() > 0) {
                send(exchange, 504, "application/problem+json", """
                        {"type":"about:blank","title":"Gateway Timeout","status":504,"code":"provider_timeout",\
                        "detail":"The provider did not answer in time."}""");
            } else {
                send(exchange, 202, "application/json", deployment("queued", false));
            }
        } else if (path.endsWith("/events")) {
            String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            eventRequests.add(lastEventId == null ? "" : lastEventId);
            if (streamFails) {
                send(exchange, 503, "application/problem+json", "{\"title\":\"Unavailable\",\"status\":503}");
            } else if (lastEventId == null) {
                send(exchange, 200, "text/event-stream", event("1", "status", deployment("in_progress", false)));
            } else {
                send(
                        exchange,
                        200,
                        "text/event-stream",
                        event("2", "log", "{\"message\":\"resumed line\"}")
                                + event("3", "end", deployment("succeeded", true)));
            }
        } else if (path.endsWith("/logs")) {
            int lines = logReads.incrementAndGet();
            StringBuilder items = new StringBuilder();
            for (int line = 1; line <= lines; line++) {
                items.append(line > 1 ? "," : "")
                        .append("{\"message\":\"polled line ")
                        .append(line)
                        .append("\"}");
            }
            send(exchange, 200, "application/json", "{\"items\":[" + items + "],\"complete\":false}");
        } else {
            waits.add(String.valueOf(exchange.getRequestURI().getQuery()));
            boolean done = waits.size() > 1;
            send(exchange, 200, "application/json", deployment(done ? "succeeded" : "in_progress", done));
        }
    }

    private static String event(String id, String name, String data) {
        return "id:" + id + "\nevent:" + name + "\ndata:" + data + "\n\n";
    }

    static String deployment(String status, boolean terminal) {
        return """
                {"id":"%s","provider":"stub","providerType":"coolify","appId":"stub:app","status":"%s",\
                "terminal":%s,"providerStatus":"%s","kind":"deploy","emulated":false,\
                "links":{"self":"/x","logs":"/x/logs","events":"/x/events"}}""".formatted(ID, status, terminal, status);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
