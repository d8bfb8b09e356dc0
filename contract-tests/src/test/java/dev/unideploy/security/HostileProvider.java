package dev.unideploy.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;

/**
 * A provider that misbehaves on purpose, speaking just enough of Coolify's API. Each behaviour has its own base
 * path, {@code http://127.0.0.1:<port>/<behaviour>/api/v1}, so each is a connection of its own:
 *
 * <ul>
 *   <li>{@code good} — answers as Coolify would (the control), plus a 100 KB, a binary and a deflated answer;
 *   <li>{@code endless} — a chunked body that never ends;
 *   <li>{@code huge} — a chunked 300 MB body;
 *   <li>{@code drip} — one byte every 200 ms, for a minute;
 *   <li>{@code echo} — hands the credential it was sent back in headers ({@code Location} too), error messages,
 *       commit messages, log lines and {@code raw}, in several encodings.
 * </ul>
 *
 * It counts the bytes it managed to send per behaviour and the requests it received.
 */
final class HostileProvider implements AutoCloseable {

    static final long HUGE = 300L * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final Map<String, AtomicLong> bytesSent = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    HostileProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/api/v1";
    }

    long sent(String behaviour) {
        return bytesSent.computeIfAbsent(behaviour, b -> new AtomicLong()).get();
    }

    long received(String behaviour) {
        return requests.computeIfAbsent(behaviour, b -> new AtomicLong()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getRawPath().split("/", 4); // "", behaviour, "api", "v1/…"
        String behaviour = parts.length > 1 ? parts[1] : "";
        String rest = parts.length > 3 ? parts[3].substring(Math.min(2, parts[3].length())) : "";
        requests.computeIfAbsent(behaviour, b -> new AtomicLong()).incrementAndGet();
        AtomicLong sent = bytesSent.computeIfAbsent(behaviour, b -> new AtomicLong());
        exchange.getRequestBody().readAllBytes();
        try (exchange) {
            switch (behaviour) {
                case "good" -> good(exchange, rest);
                case "endless" -> stream(exchange, Long.MAX_VALUE, sent, 0);
                case "huge" -> stream(exchange, HUGE, sent, 0);
                case "drip" -> stream(exchange, 300, sent, 200);
                case "echo" -> echo(exchange, rest);
                default -> send(exchange, 404, "application/json", "{\"message\":\"Not found.\"}");
            }
        } catch (IOException hungUp) {
            // the gateway stopped reading: exactly what a bounded client does
        }
    }

    private static void good(HttpExchange exchange, String rest) throws IOException {
        if (rest.equals("/applications")) {
            send(exchange, 200, "application/json", "[{\"uuid\":\"app1\",\"name\":\"one\"}]");
        } else if (rest.startsWith("/deployments/")) {
            send(exchange, 200, "application/json", row(rest.substring("/deployments/".length()), "all good", ""));
        } else if (rest.equals("/big")) {
            send(exchange, 200, "application/json", "[\"" + "x".repeat(100 * 1024) + "\"]");
        } else if (rest.equals("/binary")) {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            byte[] body = binary();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } else if (rest.equals("/announced")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, HUGE); // says 300 MB up front
            exchange.getResponseBody().write(new byte[64 * 1024]);
        } else if (rest.equals("/deflated")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Content-Encoding", "deflate");
            byte[] body = deflated("{\"compressed\":true}");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } else {
            send(exchange, 200, "application/json", "{\"path\":\"" + rest + "\"}");
        }
    }

    /** Every byte value, several times: any charset conversion would change it. */
    static byte[] binary() {
        byte[] body = new byte[4096];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return body;
    }

    static byte[] deflated(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void stream(HttpExchange exchange, long total, AtomicLong sent, long delayMillis)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        byte[] chunk = new byte[delayMillis > 0 ? 1 : 64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long written = 0; written < total; written += chunk.length) {
            out.write(chunk);
            out.flush();
            sent.addAndGet(chunk.length);
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
        }
    }

    private static void echo(HttpExchange exchange, String rest) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Echo-Token", token);
        exchange.getResponseHeaders().set("Location", "https://elsewhere.example/login?token=" + encoded);
        if (rest.startsWith("/deployments/")) {
            send(exchange, 200, "application/json", row(rest.substring("/deployments/".length()), token, token));
        } else if (rest.equals("/gzip")) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("Content-Encoding", "deflate");
            byte[] body = deflated("your token is " + token);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } else if (rest.equals("/applications")) {
            send(exchange, 401, "application/json", "{\"message\":\"Invalid token " + json(token) + "\"}");
        } else {
            send(
                    exchange,
                    200,
                    "application/json",
                    "{\"token\":\"" + json(token) + "\",\"form\":\"" + encoded
                            + "\",\"base64\":\""
                            + java.util.Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
                            + "\"}");
        }
    }

    /** A finished Coolify queue row, its commit message and one log line carrying {@code text}. */
    static String row(String uuid, String commitMessage, String logOutput) {
        String logs = "[{\"output\":\"" + json(logOutput) + "\",\"type\":\"stdout\",\"timestamp\":"
                + "\"2026-01-01T00:00:02Z\",\"hidden\":false}]";
        return "{\"deployment_uuid\":\"" + uuid + "\",\"application_id\":\"app1\",\"status\":\"finished\","
                + "\"commit\":\"abc\",\"commit_message\":\"" + json(commitMessage) + "\",\"logs\":\"" + json(logs)
                + "\",\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:03Z\","
                + "\"finished_at\":\"2026-01-01T00:00:03Z\"}";
    }

    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the drip's pace, on the provider's side: what the gateway must not wait for
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
