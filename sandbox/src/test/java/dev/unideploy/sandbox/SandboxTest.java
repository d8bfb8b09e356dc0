package dev.unideploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {

    private final Sandbox sandbox = SandboxFixture.sandbox();

    /** An authenticated request on each provider's app listing, in its own scheme. */
    private static final Map<String, String> LISTING = Map.of(
            "coolify", "/applications",
            "dokploy", "/project.all",
            "zectre", "/apps?page=1&page_size=100",
            "dooor", "/workspaces/ws_sandbox/apps?page=1&limit=100",
            "mist", "/projects/getAll");

    private static HttpResponse<String> list(SimulatedProvider provider) {
        var request = Http.get(provider.baseUrl(), LISTING.get(provider.type()));
        switch (provider.type()) {
            case "dokploy" -> request.header("x-api-key", "sandbox");
            case "zectre" -> request.header("X-API-Key", "sandbox");
            case "mist" -> request.header("Cookie", MistSimulatorTest.login(provider.baseUrl()));
            default -> request.header("Authorization", "Bearer sandbox");
        }
        return Http.send(request);
    }

    @Test
    void startsFiveSimulatorsInOrderOnLoopback() {
        assertThat(sandbox.providers())
                .extracting(SimulatedProvider::type)
                .containsExactly("coolify", "dokploy", "zectre", "dooor", "mist");
        assertThat(sandbox.provider("coolify").baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
        assertThat(sandbox.provider("dokploy").baseUrl().getPath()).isEqualTo("/api");
        assertThat(sandbox.provider("dooor").settings()).containsEntry("workspace", "ws_sandbox");
        assertThat(sandbox.provider("mist").settings())
                .containsEntry("email", "sandbox@unideploy.dev")
                .containsEntry("password", "sandbox");
        assertThat(sandbox.provider("mist").apps()).extracting(SeededApp::id).containsExactly("1", "2");
        assertThat(sandbox.providers())
                .allSatisfy(provider -> assertThat(provider.apps()).anyMatch(SeededApp::failsBuild));
    }

    @ParameterizedTest
    @ValueSource(strings = {"coolify", "dokploy", "zectre", "dooor", "mist"})
    void listsSeededAppsWithTheSandboxCredential(String type) {
        SimulatedProvider provider = sandbox.provider(type);

        HttpResponse<String> response = list(provider);

        assertThat(response.statusCode()).isEqualTo(200);
        // Mist lists projects first; its apps come per project (MistSimulatorTest).
        String expected = type.equals("mist")
                ? "\"name\":\"sandbox\""
                : "\"" + provider.apps().get(0).id() + "\"";
        assertThat(response.body()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coolify", "dokploy", "zectre", "dooor", "mist"})
    void adminApiCountsRequestsAndAnInjectedFaultOverridesTheSimulator(String type) {
        SimulatedProvider provider = sandbox.provider(type);
        WireMock admin = new WireMock(provider.port());
        String path = provider.baseUrl().getPath() + LISTING.get(provider.type());
        int before =
                admin.find(WireMock.getRequestedFor(WireMock.urlEqualTo(path))).size();

        assertThat(list(provider).statusCode()).isEqualTo(200);
        assertThat(admin.find(WireMock.getRequestedFor(WireMock.urlEqualTo(path)))
                        .size())
                .isEqualTo(before + 1);

        StubMapping fault = admin.register(WireMock.get(WireMock.urlEqualTo(path))
                .willReturn(WireMock.aResponse().withStatus(503).withFixedDelay(100)));
        try {
            long start = System.nanoTime();
            assertThat(list(provider).statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        } finally {
            admin.removeStubMapping(fault);
        }
        assertThat(list(provider).statusCode()).isEqualTo(200);
    }

    @Test
    void resettingTheAdminApiKeepsTheSimulatorAnswering() {
        try (Sandbox own = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(50)))) {
            SimulatedProvider coolify = own.provider("coolify");
            new WireMock(coolify.port()).resetToDefaultMappings();
            coolify.server().resetAll();

            assertThat(list(coolify).statusCode()).isEqualTo(200);
            assertThat(coolify.server().getStubMappings()).hasSize(1);
        }
    }

    @Test
    void closingStopsEveryServer() {
        Sandbox own = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(50)));
        List<SimulatedProvider> providers = own.providers();

        own.close();

        assertThat(providers).noneMatch(provider -> provider.server().isRunning());
    }
}
