package dev.unideploy.gateway.testing;

import dev.unideploy.spi.ProviderConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts deployments on a simulator through the provider's own API, as its UI, CLI or a git push would — the gateway
 * is not involved — and answers the gateway's id of the deployment where the provider says it.
 */
public final class DirectDeploys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DirectDeploys() {}

    /**
     * Starts a deployment of {@code app} (a local id) on the provider of {@code provider} — a sandbox simulator,
     * with the sandbox credentials of the connection's settings; answers the provider's answer, parsed.
     */
    public static JsonNode start(ProviderConnection provider, String app) throws IOException, InterruptedException {
        String base = provider.baseUrl().toString();
        HttpRequest request = switch (provider.type()) {
            case "coolify" -> post(base + "/deploy?force=true&uuid=" + app, "{}", "Authorization", "Bearer sandbox");
            case "dokploy" ->
                post(base + "/application.deploy", "{\"applicationId\":\"" + app + "\"}", "x-api-key", "sandbox");
            case "zectre" -> post(base + "/apps/" + app + "/deploy/trigger", "{}", "X-API-Key", "sandbox");
            case "dooor" ->
                post(
                        base + "/workspaces/" + provider.requireSetting("workspace") + "/deploy",
                        "{\"appId\":\"" + app + "\"}",
                        "Authorization",
                        "Bearer sandbox");
            case "mist" -> post(base + "/deployments", "{\"appId\":" + app + "}", "Cookie", mistLogin(provider));
            default -> throw new IllegalArgumentException(provider.type());
        };
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    provider.type() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static String mistLogin(ProviderConnection provider) throws IOException, InterruptedException {
        Map<String, String> settings = provider.settings();
        HttpResponse<String> login = HTTP.send(
                post(
                        provider.baseUrl() + "/auth/login",
                        "{\"email\":\"" + settings.get("email") + "\",\"password\":\"" + settings.get("password")
                                + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        return login.headers().allValues("set-cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0])
                .filter(cookie -> cookie.startsWith("mist_token="))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Mist login set no cookie: " + login.statusCode()));
    }

    private static HttpRequest post(String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }
}
