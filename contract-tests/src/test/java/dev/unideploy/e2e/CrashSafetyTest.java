package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.security.ApiKeys;
import dev.unideploy.gateway.store.IdempotencyRecords.Attempt;
import dev.unideploy.gateway.store.IdempotencyRecords.Claim;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
import dev.unideploy.gateway.store.IdempotencyRecords.State;
import dev.unideploy.gateway.store.RedisStore;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.sandbox.testing.Faults;
import dev.unideploy.sandbox.testing.Faults.Spoil;
import dev.unideploy.sandbox.testing.ProviderState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A write whose answer is lost on one gateway instance is answered by another sharing a real Redis — also when the
 * first instance is a separate JVM killed ({@code SIGKILL}) after it sent the trigger and before it could record the
 * answer: its record's lease runs out, and the other instance finds at the provider what the trigger made.
 */
class CrashSafetyTest {

    private static final String KEY = "crash-safety-key-0123456789";
    private static final Duration LATE = Duration.ofSeconds(5);

    private static RedisFleet fleet;
    private static WebTestClient one;
    private static WebTestClient two;

    /** Short time limits, so that an answer {@link #LATE} is lost and a dead sender's lease passes soon. */
    private static final String[] SETTINGS = {
        "--unideploy.clients.ci.key-sha256=" + ApiKeys.sha256(KEY),
        "--unideploy.clients.ci.scopes=deployments:read,deployments:write",
        "--unideploy.resilience.write-timeout=2s",
        "--unideploy.resilience.read-timeout=4s",
        "--unideploy.resilience.read-retries=0",
        "--unideploy.idempotency.lease=4s",
        "--unideploy.idempotency.settle=1s",
        "--unideploy.idempotency.recheck=200ms"
    };

    @BeforeAll
    static void start() throws Exception {
        fleet = RedisFleet.start(Duration.ofMillis(1500));
        one = fleet.instance(KEY, SETTINGS);
        two = fleet.instance(KEY, SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) fleet.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.unideploy.e2e.TriggerTarget#types")
    @DisplayName("a trigger whose answer is lost on one instance, retried on the other: one deployment, returned")
    void lostOnOneAnsweredByTheOther(String type) {
        TriggerTarget target = TriggerTarget.of(type);
        SimulatedProvider provider = fleet.sandbox().provider(type);
        String key = UUID.randomUUID().toString();
        Set<String> before = ProviderState.settled(provider, target.app());
        int sentBefore = Faults.requests(provider, "POST", target.path());

        StubMapping fault = Faults.spoil(provider, "POST", target.path(), Spoil.LATE, LATE);
        EntityExchangeResult<Map> retry;
        try {
            KeyedWrites.assertOutcomeUnknown(
                    KeyedWrites.write(one, HttpMethod.POST, "/v1/deployments", target.body(), key), true);
            retry = KeyedWrites.retryUntil(two, 202, HttpMethod.POST, "/v1/deployments", target.body(), key);
        } finally {
            Faults.clear(provider, fault);
        }

        assertOneDeploymentReturned(target, before, sentBefore, retry);
    }

    @Test
    @DisplayName("an instance killed (SIGKILL, another JVM) after sending a trigger to each provider: once its lease"
            + " passes the other instance finds each deployment; one per provider, returned to the retries")
    void killedMidRequest() throws Exception {
        List<String> settings = new ArrayList<>(RedisGateways.arguments(fleet.redis(), fleet.sandbox(), SETTINGS));
        // this instance waits long for the provider: it is still in the request when it dies
        settings.add("--unideploy.resilience.write-timeout=60s");
        Map<String, Set<String>> before = new HashMap<>();
        Map<String, Integer> sentBefore = new HashMap<>();
        Map<String, StubMapping> faults = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        try (GatewayProcess doomed = GatewayProcess.start(settings)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String type : TriggerTarget.TYPES) {
                TriggerTarget target = TriggerTarget.of(type);
                SimulatedProvider provider = fleet.sandbox().provider(type);
                before.put(type, ProviderState.settled(provider, target.app()));
                sentBefore.put(type, Faults.requests(provider, "POST", target.path()));
                faults.put(type, Faults.spoil(provider, "POST", target.path(), Spoil.LATE, Duration.ofSeconds(60)));
                keys.put(type, UUID.randomUUID().toString());
                http.sendAsync(
                        HttpRequest.newBuilder(URI.create(doomed.baseUrl() + "/v1/deployments"))
                                .header("Authorization", "Bearer " + KEY)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", keys.get(type))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"appId\":\"" + target.appId() + "\",\"force\":true}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            await("every provider to have the doomed instance's trigger")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> TriggerTarget.TYPES.stream()
                            .allMatch(type -> Faults.requests(
                                            fleet.sandbox().provider(type),
                                            "POST",
                                            TriggerTarget.of(type).path())
                                    > sentBefore.get(type)));
            doomed.kill();
            assertThat(doomed.alive()).isFalse();
            // what it left in Redis: each key still in flight, with what it sent, under its lease
            try (RedisStore store = RedisStore.connect(
                    new UnideployProperties.Redis(fleet.redis().url(), Duration.ofSeconds(2)))) {
                for (String type : TriggerTarget.TYPES) {
                    Claim read = store.claim(recordKey(keys.get(type)), probe()).block();
                    assertThat(read.won()).as("%s has a record", type).isFalse();
                    Entry left = read.current();
                    assertThat(left.state()).as("%s record", type).isEqualTo(State.IN_FLIGHT);
                    assertThat(left.attempt()).isNotNull();
                }
            }
        } finally {
            faults.forEach((type, fault) -> Faults.clear(fleet.sandbox().provider(type), fault));
        }

        for (String type : TriggerTarget.TYPES) {
            TriggerTarget target = TriggerTarget.of(type);
            EntityExchangeResult<Map> retry =
                    KeyedWrites.retryUntil(two, 202, HttpMethod.POST, "/v1/deployments", target.body(), keys.get(type));
            assertOneDeploymentReturned(target, before.get(type), sentBefore.get(type), retry);
        }
    }

    /** The record key of a trigger under {@code idempotencyKey}: scoped to the client and target, as the gateway does. */
    private static String recordKey(String idempotencyKey) {
        return ApiKeys.sha256("ci\nPOST /v1/deployments\n" + idempotencyKey);
    }

    /** An entry that never wins a claim of a key already held: it only reads what holds it. */
    private static Entry probe() {
        return Entry.inFlight("probe", Attempt.startingAt(Instant.now()), Instant.now());
    }

    private static void assertOneDeploymentReturned(
            TriggerTarget target, Set<String> before, int sentBefore, EntityExchangeResult<Map> retry) {
        SimulatedProvider provider = fleet.sandbox().provider(target.type());
        Set<String> made = KeyedWrites.added(before, ProviderState.deployments(provider, target.app()));
        assertThat(made).as("new deployments on %s", target.type()).hasSize(1);
        assertThat(Faults.requests(provider, "POST", target.path()) - sentBefore)
                .as("trigger requests %s received", target.type())
                .isEqualTo(1);
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String id = (String) retry.getResponseBody().get("id");
        assertThat(id).startsWith(target.type() + ":");
        if (!target.type().equals("dokploy")) {
            assertThat(id).endsWith(made.iterator().next());
        }
    }
}
