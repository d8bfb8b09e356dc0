package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Correlations;
import dev.unideploy.spi.ProviderConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Dokploy's wire payloads as v0.30.2 sends them, and adapters with a fixed clock, for the adapter tests. */
final class DokployFixtures {

    static final String KEY = "key-secret";
    static final String APP = "dok-web";
    /** The trigger instant of the tests' deployments. */
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private DokployFixtures() {}

    static DokployAdapter adapter(String baseUrl, Correlations correlations) {
        return adapter(baseUrl, correlations, Duration.ofMillis(100));
    }

    static DokployAdapter adapter(String baseUrl, Correlations correlations, Duration poll) {
        ProviderConnection connection =
                ProviderConnection.of("dok", "dokploy", URI.create(baseUrl + "/api"), Map.of("token", KEY));
        return new DokployAdapter(
                connection,
                new DokployClient(connection, KEY),
                correlations,
                new DokploySeal(KEY),
                poll,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The id the adapter issues for a trigger at {@code at} with {@code correlationId}. */
    static DokployTriggeredId triggered(Instant at, String correlationId) {
        return new DokploySeal(KEY).issue(APP, at, correlationId);
    }

    static String row(String id, String title, String status) {
        return row(id, title, "d", status, NOW.minusSeconds(60), null);
    }

    static String row(String id, String title, String status, Instant created) {
        return row(id, title, "d", status, created, null);
    }

    /** A row of {@code deployment.all}. */
    static String row(
            String id, String title, String description, String status, Instant created, @Nullable String pid) {
        return """
                {"deploymentId":"%s","title":"%s","description":"%s","status":"%s",
                 "logPath":"/etc/dokploy/logs/web/web-%s.log","pid":%s,"applicationId":"dok-web",
                 "createdAt":"%s","startedAt":"%s","finishedAt":null,"errorMessage":null}
                """.formatted(
                        id, title, description, status, id, pid == null ? "null" : "\"" + pid + "\"", created, created);
    }

    /** A row Dokploy renamed when its build ended: the commit message, {@code Commit: <sha>}. */
    static String renamed(String id, String status, Instant created) {
        return row(id, "Fix the landing page", "Commit: 6f87c0ffee", status, created, null);
    }

    /** A job of {@code deployment.queueList}. */
    static String job(String jobId, String title, String state, Instant timestamp) {
        return job(jobId, APP, title, state, timestamp);
    }

    static String job(String jobId, String app, String title, String state, Instant timestamp) {
        return """
                {"id":"%s","name":"deployments","data":{"applicationId":"%s","titleLog":"%s",
                 "descriptionLog":"x","type":"deploy","applicationType":"application","server":false},
                 "timestamp":%d,%s"state":"%s","servicePath":{"href":null,"label":"Application"}}
                """.formatted(
                        jobId,
                        app,
                        title,
                        timestamp.toEpochMilli(),
                        state.equals("active") ? "\"processedOn\":" + timestamp.toEpochMilli() + "," : "",
                        state);
    }

    static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }
}
