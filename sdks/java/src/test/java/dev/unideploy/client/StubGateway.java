package dev.unideploy.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A gateway answering from a script: each route ({@code "POST /v1/deployments"}, {@code "GET
 * /v1/deployments/stub:d1/events"}) answers its next scripted response; every request is recorded with its headers.
 */
final class StubGateway implements AutoCloseable {

    static final String ID = "stub:d1";

    record Request(String route, Map<String, List<String>> headers, String query) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    record Response(int status, String type, String body) {}

    private final HttpServer server;
    private final Map<String, List<Function<Request, Response>>> script = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    StubGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answers of {@code route}, in order; the last one repeats. */
    @SafeVarargs
    final StubGateway on(String route, Function<Request, Response>... answers) {
        script.put(route, new CopyOnWriteArrayList<>(List.of(answers)));
        return this;
    }

    static Function<Request, Response> answer(int status, String type, String body) {
        return request -> new Response(status, type, body);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String route) {
        return requests.stream().filter(r -> r.route().equals(route)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String route =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        Request request = new Request(
                route,
                Map.copyOf(exchange.getRequestHeaders()),
                String.valueOf(exchange.getRequestURI().getQuery()));
        requests.add(request);
        exchange.getRequestBody().readAllBytes();
        List<Function<Request, Response>> answers = script.get(route);
        Response response = answers == null
                ? new Response(404, "application/problem+json", problem(404, "not_found", "no route " + route))
                : (answers.size() > 1 ? answers.remove(0) : answers.get(0)).apply(request);
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.type());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String event(String id, String name, String data) {
        return "id:" + id + "\nevent:" + name + "\ndata:" + data + "\n\n";
    }

    static String problem(int status, String code, String detail) {
        return """
                {"type":"https://unideploy.dev/problems/%s","title":"Title %s","status":%d,"detail":"%s",\
                "code":"%s","provider":"stub","requestId":"req-1"}""".formatted(code, code, status, detail, code);
    }

    static String deployment(String status, boolean terminal) {
        return """
                {"id":"%s","provider":"stub","providerType":"coolify","appId":"stub:app","status":"%s",\
                "terminal":%s,"providerStatus":"%s","kind":"deploy","emulated":false,\
                "links":{"self":"/x","logs":"/x/logs","events":"/x/events"}}""".formatted(ID, status, terminal, status);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
