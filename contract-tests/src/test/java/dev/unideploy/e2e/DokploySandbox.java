package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.deployment.GlobalId;
import dev.unideploy.sandbox.SimulatedProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Dokploy simulator has, read through its own API (as a test of what the provider ends up with), and the
 * gateway calls the Dokploy end-to-end tests make.
 */
final class DokploySandbox {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DokploySandbox() {}

    static JsonNode read(SimulatedProvider dokploy, String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(dokploy.baseUrl() + pathAndQuery))
                            .header("x-api-key", "sandbox")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The titles of the jobs waiting in Dokploy's queue, every application's. */
    static List<String> waiting(SimulatedProvider dokploy) {
        List<String> titles = new ArrayList<>();
        read(dokploy, "/deployment.queueList").forEach(job -> {
            if (job.get("state").asString().equals("waiting")) {
                titles.add(job.get("data").get("titleLog").asString());
            }
        });
        return titles;
    }

    /** The ids of the application's rows. */
    static List<String> rows(SimulatedProvider dokploy, String app) {
        List<String> ids = new ArrayList<>();
        read(dokploy, "/deployment.all?applicationId=" + app)
                .forEach(row -> ids.add(row.get("deploymentId").asString()));
        return ids;
    }

    static void awaitIdle(SimulatedProvider dokploy) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> read(dokploy, "/deployment.queueList").isEmpty());
    }

    /** The title the gateway sent for a deployment it triggered: its id's own part, as Dokploy's queue shows it. */
    /** The title Dokploy shows for a gateway id: its local part (unescaped, see GlobalId) after the app id. */
    static String title(String gatewayId) {
        String local = GlobalId.parse("id", gatewayId).local();
        return "unideploy-" + local.substring(local.indexOf('.') + 1);
    }

    static Map<String, Object> trigger(WebTestClient gateway, String app) {
        return gateway.post()
                .uri("/v1/deployments")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", app))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    static Map<String, Object> get(WebTestClient gateway, String id, String query) {
        return gateway.get()
                .uri("/v1/deployments/" + id + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    static Map<String, Object> awaitTerminal(WebTestClient gateway, String id) {
        return get(gateway, id, "?waitFor=terminal&timeoutSeconds=60&include=raw");
    }

    /** The ids of the app's deployments as the gateway lists them. */
    @SuppressWarnings("unchecked")
    static List<String> listed(WebTestClient gateway, String app) {
        Map<String, Object> page = gateway.get()
                .uri("/v1/deployments?appId=" + app + "&limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat((List<?>) page.get("errors")).isEmpty();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> (String) item.get("id")).toList();
    }

    /** The whole event stream of a deployment, as its event names. */
    static List<String> events(String gatewayBaseUrl, String key, String id) {
        return WebClient.create(gatewayBaseUrl)
                .get()
                .uri("/v1/deployments/" + id + "/events")
                .header("Authorization", "Bearer " + key)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .filter(event -> event.event() != null)
                .map(ServerSentEvent::event)
                .collectList()
                .block(WAIT);
    }
}
