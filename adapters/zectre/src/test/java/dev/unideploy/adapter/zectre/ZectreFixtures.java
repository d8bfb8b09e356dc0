package dev.unideploy.adapter.zectre;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.ProviderConnection;
import java.net.URI;
import java.util.Map;

/** Zectre payloads as the provider writes them, and an adapter pointed at a WireMock server. */
final class ZectreFixtures {

    static final String TOKEN = "zk-secret-token-123";
    static final String ID = "7b0c1f5e-2d4a-4c1b-9a57-0f3e2d1c0b9a";

    private ZectreFixtures() {}

    static ZectreAdapter adapter(WireMockExtension wm) {
        ProviderConnection connection = ProviderConnection.of(
                "zectre-test", "zectre", URI.create(wm.baseUrl() + "/api/v1"), Map.of("token", TOKEN));
        return (ZectreAdapter) new ZectreAdapterFactory().create(connection);
    }

    static String deployment(String id, String status, int ready, int total) {
        return """
                {"id":"%s","sha":"a1b2c3d4","app_id":"zec-web","version":3,"status":"%s",
                 "spec":{"image":"nginx:1.27","process_type":"docker","replicas":%d,"env":{"DB_PASSWORD":"hunter2"}},
                 "tasks_ready":%d,"tasks_total":%d,"progress":%d,"environment_slug":"staging",
                 "preview_url":"https://zec-web-a1b2c3d4-staging.example.com",
                 "created_at":"2026-11-22T10:00:00Z","updated_at":"2026-11-22T10:01:00Z"}""".formatted(id, status, total, ready, total, total == 0 ? 0 : 100 * ready / total);
    }
}
