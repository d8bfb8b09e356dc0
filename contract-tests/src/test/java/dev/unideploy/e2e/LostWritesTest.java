package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.sandbox.testing.Faults;
import dev.unideploy.sandbox.testing.Faults.Spoil;
import dev.unideploy.sandbox.testing.ProviderState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Cancel, rollback, promote, scale, traffic and delete whose provider answer comes after the write time limit: each
 * is sent to the provider exactly once, a retry with the same key answers what it did, and the provider ends as one
 * such write leaves it.
 */
class LostWritesTest extends LostAnswersGateway {

    /**
     * Sends {@code method uri} under a new key while the provider's answers to {@code path} are late; the first answer
     * must say the outcome is unknown; retries until {@code status}; the provider must have had one such request.
     */
    private EntityExchangeResult<Map> lostThenFound(
            String type, String path, HttpMethod method, String uri, @Nullable Object body, int status) {
        SimulatedProvider provider = simulator(type);
        String providerMethod = path.startsWith("PATCH ") ? "PATCH" : "POST";
        String providerPath = path.startsWith("PATCH ") ? path.substring(6) : path;
        String key = UUID.randomUUID().toString();
        int sentBefore = Faults.requests(provider, providerMethod, providerPath);
        StubMapping fault = Faults.spoil(provider, providerMethod, providerPath, Spoil.LATE, LATE);
        EntityExchangeResult<Map> retry;
        try {
            assertOutcomeUnknown(write(method, uri, body, key), true);
            retry = retryUntil(status, method, uri, body, key);
        } finally {
            Faults.clear(provider, fault);
        }
        assertThat(Faults.requests(provider, providerMethod, providerPath) - sentBefore)
                .as("%s requests %s received", path, type)
                .isEqualTo(1);
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        return retry;
    }

    private String trigger(String appId) {
        return (String) retryUntil(
                        202,
                        HttpMethod.POST,
                        "/v1/deployments",
                        Map.of("appId", appId, "force", true),
                        UUID.randomUUID().toString())
                .getResponseBody()
                .get("id");
    }

    /** The app's succeeded deployments, newest first. */
    @SuppressWarnings("unchecked")
    private List<String> succeeded(String appId) {
        Map<?, ?> page = client.get()
                .uri("/v1/deployments?appId={app}&status=succeeded&limit=10", appId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> (String) item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    static Stream<Arguments> cancels() {
        return Stream.of(
                Arguments.of("coolify", "coolify:cool-web", "/api/v1/deployments/[^/]+/cancel", "cancelled-by-user"),
                Arguments.of("zectre", "zectre:zec-web", "/api/v1/deployments/[^/]+/cancel", "cancelled"),
                Arguments.of("mist", "mist:1", "/api/deployments/stopDep", "stopped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cancels")
    @DisplayName("a cancel whose answer is late: cancelled once, and the retry answers the cancelled deployment")
    void lostCancel(String type, String appId, String path, String providerStatus) {
        String id = trigger(appId);

        EntityExchangeResult<Map> retry =
                lostThenFound(type, path, HttpMethod.POST, "/v1/deployments/" + id + "/cancel", null, 200);

        assertThat(retry.getResponseBody()).containsEntry("id", id).containsEntry("status", "cancelled");
        Map<String, Object> now = read("/v1/deployments/" + id + "?include=raw");
        assertThat(((Map<?, ?>) now.get("raw")).get("status")).isEqualTo(providerStatus);
    }

    static Stream<Arguments> rollbacks() {
        return Stream.of(
                Arguments.of("coolify", "coolify:cool-web", "cool-web", "/api/v1/applications/cool-web/rollback"),
                Arguments.of(
                        "dooor", "dooor:door-web", "door-web", "/api/v1/workspaces/ws_sandbox/deploy/[^/]+/rollback"),
                // emulated: the seeded deployments name no image, so Zectre promotes the target into its environment
                Arguments.of("zectre", "zectre:zec-web", "zec-web", "/api/v1/deployments/[^/]+/promote"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbacks")
    @DisplayName("a rollback whose answer is late: one new deployment, returned by the retry as the rollback")
    void lostRollback(String type, String appId, String app, String path) {
        String target = succeeded(appId).get(0);
        Set<String> before = ProviderState.deployments(simulator(type), app);

        EntityExchangeResult<Map> retry =
                lostThenFound(type, path, HttpMethod.POST, "/v1/deployments/" + target + "/rollback", null, 202);

        Set<String> made = added(before, ProviderState.deployments(simulator(type), app));
        assertThat(made).hasSize(1);
        assertThat(retry.getResponseBody())
                .containsEntry("kind", "rollback")
                .containsEntry("rollbackOf", target)
                .containsEntry("id", type + ":" + made.iterator().next());
    }

    @Test
    @DisplayName("Zectre: a promote whose answer is late makes one deployment in the target environment")
    void lostZectrePromote() {
        String target = succeeded("zectre:zec-web").get(0);
        Set<String> before = ProviderState.deployments(simulator("zectre"), "zec-web");

        EntityExchangeResult<Map> retry = lostThenFound(
                "zectre",
                "/api/v1/deployments/[^/]+/promote",
                HttpMethod.POST,
                "/v1/deployments/" + target + "/promote",
                Map.of("environment", "staging"),
                202);

        Set<String> made = added(before, ProviderState.deployments(simulator("zectre"), "zec-web"));
        assertThat(made).hasSize(1);
        assertThat(retry.getResponseBody())
                .containsEntry("id", "zectre:" + made.iterator().next())
                .containsEntry("kind", "promote")
                .containsEntry("environment", "staging");
    }

    @Test
    @DisplayName("Dooor: a promote (traffic, no new deployment) whose answer is late: its revision gets 100% once")
    void lostDooorPromote() {
        awaitSettled("dooor:door-web");
        String target = succeeded("dooor:door-web").get(1);
        Set<String> before = ProviderState.deployments(simulator("dooor"), "door-web");
        String revision = (String)
                ((Map<?, ?>) read("/v1/deployments/" + target + "?include=raw").get("raw")).get("revisionName");

        EntityExchangeResult<Map> retry = lostThenFound(
                "dooor",
                "/api/v1/workspaces/ws_sandbox/deploy/revisions/[^/]+/promote",
                HttpMethod.POST,
                "/v1/deployments/" + target + "/promote",
                Map.of("environment", "production"),
                202);

        assertThat(retry.getResponseBody()).containsEntry("id", target).containsEntry("live", true);
        assertThat(ProviderState.deployments(simulator("dooor"), "door-web")).isEqualTo(before);
        assertThat(trafficOf("dooor:door-web")).containsEntry(revision, 100);
    }

    @Test
    @DisplayName("Dooor: a traffic split whose answer is late is set once, and the retry answers it")
    void lostTrafficSplit() {
        awaitSettled("dooor:door-web");
        List<String> revisions = List.copyOf(trafficOf("dooor:door-web").keySet());
        List<Map<String, Object>> splits = List.of(
                Map.of("revision", revisions.get(0), "percent", 40),
                Map.of("revision", revisions.get(1), "percent", 60));

        EntityExchangeResult<Map> retry = lostThenFound(
                "dooor",
                "/api/v1/workspaces/ws_sandbox/deploy/apps/door-web/traffic",
                HttpMethod.PUT,
                "/v1/apps/dooor:door-web/traffic",
                Map.of("splits", splits),
                200);

        assertThat((List<?>) retry.getResponseBody().get("splits")).hasSize(2);
        assertThat(trafficOf("dooor:door-web"))
                .containsEntry(revisions.get(0), 40)
                .containsEntry(revisions.get(1), 60);
    }

    static Stream<Arguments> scales() {
        return Stream.of(
                Arguments.of("zectre", "zectre:zec-web", "PATCH /api/v1/deployments/[^/]+", 4),
                Arguments.of("dooor", "dooor:door-web", "/api/v1/workspaces/ws_sandbox/deploy/scale", 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scales")
    @DisplayName("a scale whose answer is late is sent once; the retry answers it once the provider holds the count")
    void lostScale(String type, String appId, String path, int replicas) {
        EntityExchangeResult<Map> retry = lostThenFound(
                type, path, HttpMethod.PUT, "/v1/apps/" + appId + "/scale", Map.of("replicas", replicas), 200);

        assertThat(retry.getResponseBody()).containsEntry("appId", appId).containsEntry("requestedReplicas", replicas);
    }

    @Test
    @DisplayName("Dokploy: a delete whose answer is late removes the row once, and the retry answers 204")
    void lostDelete() {
        String target = succeeded("dokploy:dok-web").get(0);
        String row = target.substring(target.indexOf('.') + 1);
        assertThat(ProviderState.deployments(simulator("dokploy"), "dok-web")).contains(row);

        lostThenFound(
                "dokploy",
                "/api/deployment.removeDeployment",
                HttpMethod.DELETE,
                "/v1/deployments/" + target,
                null,
                204);

        assertThat(ProviderState.deployments(simulator("dokploy"), "dok-web")).doesNotContain(row);
    }

    /** Revision → percent, as the gateway reads the provider's revisions now. */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> trafficOf(String appId) {
        Map<String, Integer> traffic = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) read("/v1/apps/" + appId + "/revisions").get("items"))
                .forEach(item -> traffic.put((String) item.get("name"), (Integer) item.get("trafficPercent")));
        return traffic;
    }

    /** Waits until none of the app's deployments is still running: a finishing one would take the traffic. */
    @SuppressWarnings("unchecked")
    private void awaitSettled(String appId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ((List<Map<String, Object>>) read("/v1/deployments?appId=" + appId + "&limit=20")
                                .get("items"))
                        .stream().allMatch(item -> Boolean.TRUE.equals(item.get("terminal"))));
    }
}
