package dev.unideploy.gateway.testing;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on a free loopback port, for tests: records every request it gets and answers what {@link
 * #answer} says (200 by default). {@link Received#verifiedWith} checks a signature with the Standard Webhooks
 * reference library, as a receiver in production would.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived: headers with lower-case names, the body verbatim, the status answered. */
    public record Received(Map<String, List<String>> headers, String body, int answered) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String type() {
            return json().path("type").asString();
        }

        public String deploymentId() {
            return json().path("data").path("id").asString();
        }

        /** Whether the signature verifies with {@code secret} (Standard Webhooks library; also checks the time). */
        public boolean verifiedWith(String secret) {
            try {
                new Webhook(secret).verify(body, headers);
                return true;
            } catch (Exception invalid) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Received> answer = request -> 200;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
            Received pending = new Received(headers, new String(body, StandardCharsets.UTF_8), 0);
            int status;
            try {
                status = receiver.answer.applyAsInt(pending);
            } catch (RuntimeException broken) {
                status = 500;
            }
            receiver.received.add(new Received(pending.headers(), pending.body(), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return receiver;
    }

    /** {@link #start()} for static fields. */
    public static WebhookReceiver startQuietly() {
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The URL to subscribe. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** How to answer from now on (a status per request; it may block to hold a request open). */
    public void answer(ToIntFunction<Received> how) {
        this.answer = how;
    }

    /** Every request so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx. */
    public List<Received> accepted() {
        return received.stream()
                .filter(request -> request.answered() >= 200 && request.answered() < 300)
                .toList();
    }

    /** Accepted requests about {@code deploymentId}. */
    public List<Received> about(String deploymentId) {
        return accepted().stream()
                .filter(request -> deploymentId.equals(request.deploymentId()))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
