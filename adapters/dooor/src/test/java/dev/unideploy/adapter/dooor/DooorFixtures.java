package dev.unideploy.adapter.dooor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.ProviderConnection;
import java.net.URI;
import java.util.Map;

/** Dooor payloads as the provider writes them, and an adapter pointed at a WireMock server. */
final class DooorFixtures {

    static final String TOKEN = "dor_sk_secret123";
    static final String WS = "/api/v1/workspaces/ws_sandbox";
    static final String ID = "dep_01hxabc";

    private DooorFixtures() {}

    static DooorAdapter adapter(WireMockExtension wm) {
        ProviderConnection connection = ProviderConnection.of(
                "dooor-test",
                "dooor",
                URI.create(wm.baseUrl() + "/api/v1"),
                Map.of("token", TOKEN, "workspace", "ws_sandbox"));
        return (DooorAdapter) new DooorAdapterFactory().create(connection);
    }

    static String deployment(String id, String status) {
        return """
                {"id":"%s","status":"%s","appId":"door-web","gitBranch":"main","gitCommitSha":"a1b2c3d4e5f6",
                 "gitCommitMessage":"feat: add endpoint","buildpack":"nixpacks",
                 "imageRef":"registry.dooor.ai/org/door-web:sha256-abc","revisionName":"door-web-00005",
                 "durationSeconds":52,"startedAt":"2026-11-22T12:00:05Z","finishedAt":"2026-11-22T12:00:57Z",
                 "createdAt":"2026-11-22T12:00:00Z"}""".formatted(id, status);
    }

    static String revisions(int newestPercent) {
        return """
                [{"revisionName":"door-web-00005","imageRef":"registry.dooor.ai/org/door-web:sha256-abc",
                  "trafficPercent":%d,"createdAt":"2026-11-22T12:00:57Z"},
                 {"revisionName":"door-web-00004","imageRef":"registry.dooor.ai/org/door-web:sha256-def",
                  "trafficPercent":%d,"createdAt":"2026-11-21T09:05:00Z"}]""".formatted(newestPercent, 100 - newestPercent);
    }
}
