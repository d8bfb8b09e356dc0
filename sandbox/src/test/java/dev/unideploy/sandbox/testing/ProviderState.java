package dev.unideploy.sandbox.testing;

import dev.unideploy.sandbox.SimulatedProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a simulated provider holds, read through its own API as a client of that provider would (not through the
 * gateway): the deployments of an app, by the provider's own ids. Tests assert on this — how many deployments a
 * provider ends with — rather than on the gateway's answers alone. Published in the sandbox's test-jar.
 */
public final class ProviderState {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProviderState() {}

    /** The provider's own ids of every deployment of {@code app} (Dokploy: rows and queued jobs). */
    public static Set<String> deployments(SimulatedProvider provider, String app) {
        URI base = provider.baseUrl();
        Set<String> ids = new LinkedHashSet<>();
        switch (provider.type()) {
            case "coolify" ->
                get(base, "/deployments/applications/" + app + "?skip=0&take=1000", "Authorization")
                        .path("deployments")
                        .forEach(row -> ids.add(row.path("deployment_uuid").asString()));
            case "dokploy" -> {
                get(base, "/deployment.all?applicationId=" + app, "x-api-key")
                        .forEach(row -> ids.add(row.path("deploymentId").asString()));
                // an active job already has its row (Dokploy creates it when the worker takes the job): count the
                // waiting ones only, so that one deployment is never counted twice
                get(base, "/deployment.queueList", "x-api-key").forEach(job -> {
                    if (app.equals(job.path("data").path("applicationId").asString())
                            && "waiting".equals(job.path("state").asString())) {
                        ids.add("job-" + job.path("id").asString());
                    }
                });
            }
            case "zectre" -> {
                String token = null;
                do {
                    JsonNode page = get(
                            base,
                            "/apps/" + app + "/deployments?page_size=100"
                                    + (token == null ? "" : "&page_token=" + token),
                            "X-API-Key");
                    page.path("deployments")
                            .forEach(row -> ids.add(row.path("id").asString()));
                    token = page.path("next_page_token").isString()
                                    && !page.path("deployments").isEmpty()
                            ? page.path("next_page_token").asString()
                            : null;
                } while (token != null && !token.isBlank());
            }
            case "dooor" -> {
                int pages = 1;
                for (int page = 1; page <= pages; page++) {
                    JsonNode list = get(
                            base,
                            "/workspaces/ws_sandbox/deploy?appId=" + app + "&limit=100&page=" + page,
                            "Authorization");
                    list.path("data").forEach(row -> ids.add(row.path("id").asString()));
                    pages = list.path("meta").path("totalPages").asInt(1);
                }
            }
            case "mist" ->
                post(base, "/deployments/getByAppId", "{\"appId\":" + app + "}", mistLogin(base))
                        .path("data")
                        .forEach(row -> ids.add(row.path("id").asString()));
            default -> throw new IllegalArgumentException("no simulator of type " + provider.type());
        }
        return ids;
    }

    /**
     * {@link #deployments}, once none of them is a queued Dokploy job: a job has an id of its own until its row is
     * made, so a snapshot taken while one is queued would count it again as new.
     */
    public static Set<String> settled(SimulatedProvider provider, String app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> ids = deployments(provider, app);
        while (provider.type().equals("dokploy") && queued(provider, app)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Dokploy kept a job of " + app + " queued for 30 s: " + ids);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ids = deployments(provider, app);
        }
        return ids;
    }

    /** Whether Dokploy's queue holds a job of the app, waiting or active (an active job's row may not exist yet). */
    private static boolean queued(SimulatedProvider provider, String app) {
        boolean[] found = {false};
        get(provider.baseUrl(), "/deployment.queueList", "x-api-key").forEach(job -> {
            found[0] |= app.equals(job.path("data").path("applicationId").asString());
        });
        return found[0];
    }

    /** One deployment as the provider's own API shows it (Coolify, Zectre and Dooor have a get-one). */
    public static JsonNode deployment(SimulatedProvider provider, String id) {
        return switch (provider.type()) {
            case "coolify" -> get(provider.baseUrl(), "/deployments/" + id, "Authorization");
            case "zectre" -> get(provider.baseUrl(), "/deployments/" + id, "X-API-Key");
            case "dooor" -> get(provider.baseUrl(), "/workspaces/ws_sandbox/deploy/" + id, "Authorization");
            default -> throw new IllegalArgumentException(provider.type() + " has no get-one");
        };
    }

    private static JsonNode get(URI base, String path, String authHeader) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(authenticated(request, authHeader));
    }

    private static JsonNode post(URI base, String path, String body, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder authenticated(HttpRequest.Builder request, String header) {
        return header.equals("Authorization")
                ? request.header("Authorization", "Bearer sandbox")
                : request.header(header, "sandbox");
    }

    private static String mistLogin(URI base) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"sandbox@unideploy.dev\",\"password\":\"sandbox\"}")));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
